using System.Globalization;

namespace Cluster.Edges.Media.Sdp;

/// <summary><c>a=rtpmap:&lt;payload type&gt; &lt;encoding&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c> (RFC 4566 §6).</summary>
public sealed record SdpRtpMap(int PayloadType, string Encoding, int ClockRate, int? Channels)
{
    public static bool TryParse(string? value, out SdpRtpMap? map)
    {
        map = null;
        if (value is null)
            return false;
        var space = value.IndexOf(' ');
        if (space <= 0 || !int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
            return false;
        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clock) || clock == 0)
            return false;
        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
                return false;
            channels = c;
        }
        map = new SdpRtpMap(pt, parts[0], clock, channels);
        return true;
    }

    /// <summary>Clock rates of the static audio payload types (RFC 3551 §6, table 4).</summary>
    public static int? StaticClockRate(int payloadType) => payloadType switch
    {
        0 or 3 or 4 or 5 or 7 or 8 or 9 or 12 or 13 or 15 or 18 => 8000,
        6 => 16000,
        10 or 11 => 44100,
        14 => 90000,
        16 => 11025,
        17 => 22050,
        _ => null,
    };
}
