using System.Globalization;

namespace Cluster.Edges.Media.Ports;

/// <summary>
/// An inclusive UDP port range. Used both for the node's media range (<c>uc.media.port-range</c>) and for the
/// kernel's ephemeral range, so that the overlap check compares like with like.
/// </summary>
public readonly record struct MediaPortRange
{
    public MediaPortRange(int min, int max)
    {
        if (min is < 1 or > 65535 || max is < 1 or > 65535 || max < min)
            throw new ArgumentOutOfRangeException(nameof(min), $"a port range needs 1 <= min <= max <= 65535, got {min}-{max}");
        Min = min;
        Max = max;
    }

    public int Min { get; }

    public int Max { get; }

    public int Count => Max - Min + 1;

    public bool Contains(int port) => port >= Min && port <= Max;

    public bool Overlaps(MediaPortRange other) => Min <= other.Max && other.Min <= Max;

    /// <summary>
    /// Parses "<c>min max</c>" (the /proc format, tab or spaces) or "<c>min-max</c>". Returns false with a reason for
    /// anything else, so that a corrupt /proc value is reported rather than guessed.
    /// </summary>
    public static bool TryParse(string? text, out MediaPortRange range, out string? error)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty port range";
            return false;
        }

        var parts = text.Trim().Split([' ', '\t', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
        {
            error = $"'{text.Trim()}' is not a port range (expected two port numbers, e.g. \"32768 60999\")";
            return false;
        }

        if (min is < 1 or > 65535 || max is < 1 or > 65535 || max < min)
        {
            error = $"'{text.Trim()}' is not a port range (need 1 <= min <= max <= 65535)";
            return false;
        }

        range = new MediaPortRange(min, max);
        error = null;
        return true;
    }

    public override string ToString() => $"{Min}-{Max}";
}
