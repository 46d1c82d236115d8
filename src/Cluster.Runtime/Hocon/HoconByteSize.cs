using System.Globalization;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// Size-in-bytes format of the Lightbend HOCON spec ("Size in bytes format"): powers of ten for <c>kB</c>/<c>MB</c>/...,
/// powers of two for <c>K</c>/<c>Ki</c>/<c>KiB</c>/...; a bare number means bytes.
/// </summary>
internal static class HoconByteSize
{
    private static readonly (string[] Names, long Bytes)[] Units =
    [
        (["B", "b", "byte", "bytes"], 1L),
        (["kB", "kilobyte", "kilobytes"], 1_000L),
        (["MB", "megabyte", "megabytes"], 1_000_000L),
        (["GB", "gigabyte", "gigabytes"], 1_000_000_000L),
        (["TB", "terabyte", "terabytes"], 1_000_000_000_000L),
        (["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"], 1L << 10),
        (["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"], 1L << 20),
        (["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"], 1L << 30),
        (["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"], 1L << 40),
    ];

    public static bool TryParse(string text, out long value, out string? problem)
    {
        value = 0;
        var (number, unit) = SplitNumber(text.Trim());
        if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            problem = "it does not start with a non-negative number";
            return false;
        }

        long multiplier = 1;
        if (unit.Length > 0)
        {
            var match = Units.FirstOrDefault(u => u.Names.Contains(unit, StringComparer.Ordinal));
            if (match.Names is null)
            {
                problem = $"unknown unit '{unit}' (use B, kB, MB, GB, TB for powers of 10 or KiB, MiB, GiB, TiB for powers of 2)";
                return false;
            }

            multiplier = match.Bytes;
        }

        var bytes = amount * multiplier;
        if (bytes > long.MaxValue)
        {
            problem = "it is too large";
            return false;
        }

        if (bytes != decimal.Truncate(bytes))
        {
            problem = "it is not a whole number of bytes";
            return false;
        }

        value = (long)bytes;
        problem = null;
        return true;
    }

    /// <summary>Splits "1.5 GiB" into ("1.5", "GiB").</summary>
    internal static (string Number, string Unit) SplitNumber(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '-' or '+'))
        {
            i++;
        }

        return (text[..i], text[i..].Trim());
    }
}
