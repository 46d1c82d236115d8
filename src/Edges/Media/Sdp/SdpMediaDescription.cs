using System.Globalization;

namespace Cluster.Edges.Media.Sdp;

/// <summary>
/// One media section: the <c>m=</c> line (RFC 4566 §5.14) and the fields under it. Mutable, because the anchor
/// rewrites port, connection and a few attributes and leaves every other line as received.
/// </summary>
public sealed class SdpMediaDescription
{
    public SdpMediaDescription(string media, int port, int? portCount, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        PortCount = portCount;
        Protocol = protocol;
        Formats = [.. formats];
    }

    public string Media { get; set; }

    /// <summary>Transport port; 0 means the stream is disabled or rejected (RFC 3264 §5.1, §6).</summary>
    public int Port { get; set; }

    /// <summary>The optional <c>/number of ports</c> of the m-line.</summary>
    public int? PortCount { get; set; }

    public string Protocol { get; set; }

    public List<string> Formats { get; }

    /// <summary>Media-level <c>c=</c>; null when the session-level one applies.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>i=, b= and k= lines of this section, in received order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Whether the protocol is RTP (RTP/AVP, RTP/SAVP, RTP/AVPF, RTP/SAVPF, UDP/TLS/RTP/SAVP(F)).</summary>
    public bool IsRtp => Protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase);

    public SdpAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public bool HasAttribute(string name) => Attributes.Any(a => a.Name == name);

    /// <summary>RFC 5761 rtcp-mux: RTCP travels on the RTP port.</summary>
    public bool RtcpMux => HasAttribute("rtcp-mux");

    /// <summary>The direction attribute of this section, or null when none is present (the session's then applies).</summary>
    public SdpDirection? Direction => SdpSession.DirectionOf(Attributes);

    /// <summary>Replaces any direction attribute with <paramref name="direction"/>.</summary>
    public void SetDirection(SdpDirection direction) => SdpSession.SetDirection(Attributes, direction);

    /// <summary>
    /// The port (and optional address) of <c>a=rtcp</c> (RFC 3605 §2.1); false when absent or malformed.
    /// </summary>
    public bool TryGetRtcp(out int port, out SdpConnection? address)
    {
        port = 0;
        address = null;
        if (Attribute("rtcp")?.Value is not { } value)
            return false;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (1 or 4) || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            return false;
        if (parts.Length == 4)
            address = new SdpConnection(parts[1], parts[2], parts[3]);
        return true;
    }

    /// <summary>The clock rate of the first format (rtpmap, else the static table), 8000 when unknown.</summary>
    public int ClockRate()
    {
        if (Formats.Count == 0)
            return 8000;
        var first = Formats[0];
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == "rtpmap" && SdpRtpMap.TryParse(attribute.Value, out var map) && map!.PayloadType.ToString(CultureInfo.InvariantCulture) == first)
                return map.ClockRate;
        }
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && SdpRtpMap.StaticClockRate(pt) is { } rate ? rate : 8000;
    }

    public SdpMediaDescription Clone()
    {
        var copy = new SdpMediaDescription(Media, Port, PortCount, Protocol, Formats) { Connection = Connection };
        copy.OtherLines.AddRange(OtherLines);
        copy.Attributes.AddRange(Attributes);
        return copy;
    }

    internal string MediaLine => PortCount is { } count
        ? $"{Media} {Port}/{count} {Protocol} {string.Join(' ', Formats)}"
        : $"{Media} {Port} {Protocol} {string.Join(' ', Formats)}";
}
