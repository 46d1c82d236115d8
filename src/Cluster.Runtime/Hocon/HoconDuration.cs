using System.Globalization;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// Duration format of the Lightbend HOCON spec ("Duration format"): a number (integer or decimal) with an optional unit;
/// a bare number means milliseconds. <c>off</c>/<c>infinite</c>/<c>inf</c> mean "never" where a setting allows it.
/// </summary>
internal static class HoconDuration
{
    private static readonly (string[] Names, decimal Nanos)[] Units =
    [
        (["ns", "nano", "nanos", "nanosecond", "nanoseconds"], 1m),
        (["us", "µs", "micro", "micros", "microsecond", "microseconds"], 1_000m),
        (["ms", "milli", "millis", "millisecond", "milliseconds"], 1_000_000m),
        (["s", "second", "seconds"], 1_000_000_000m),
        (["m", "minute", "minutes"], 60_000_000_000m),
        (["h", "hour", "hours"], 3_600_000_000_000m),
        (["d", "day", "days"], 86_400_000_000_000m),
    ];

    public static bool IsInfinite(string text) => text.Trim() is "off" or "infinite" or "inf";

    /// <summary>Parses a duration; returns an explanation instead when the text is not one.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string? problem)
    {
        value = default;
        var (number, unit) = HoconByteSize.SplitNumber(text.Trim());
        if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            problem = "it does not start with a number";
            return false;
        }

        var nanosPerUnit = 1_000_000m;
        if (unit.Length > 0)
        {
            var match = Units.FirstOrDefault(u => u.Names.Contains(unit, StringComparer.Ordinal));
            if (match.Names is null)
            {
                problem = $"unknown unit '{unit}' (use ns, us, ms, s, m, h or d, or their long names)";
                return false;
            }

            nanosPerUnit = match.Nanos;
        }

        var ticks = decimal.Round(amount * nanosPerUnit / 100m);
        if (ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
        {
            problem = "it is too large";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        problem = null;
        return true;
    }
}
