using System.Text;

namespace Cluster.Edges.Media.Sdp;

/// <summary>
/// A session description (RFC 4566 §5) as the anchor needs it: typed o=, s=, c=, m= and a= lines, every other line
/// kept verbatim in order. Parsed once per offer or answer (call set-up rate, not packet rate), rewritten in place
/// and written back with <see cref="ToString"/>; an unchanged description writes back byte for byte (CRLF endings).
/// </summary>
public sealed class SdpSession
{
    public SdpSession(SdpOrigin origin, string sessionName)
    {
        Origin = origin;
        SessionName = sessionName;
    }

    /// <summary>v= (RFC 4566 §5.1: always 0).</summary>
    public int Version { get; set; }

    public SdpOrigin Origin { get; set; }

    public string SessionName { get; set; }

    /// <summary>Session-level c=; null when every media section has its own.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Session-level i=, u=, e=, p=, b=, t=, r=, z=, k= lines in received order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<SdpMediaDescription> Media { get; } = [];

    public SdpAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    /// <summary>The session-level direction attribute, or null.</summary>
    public SdpDirection? Direction => DirectionOf(Attributes);

    /// <summary>Direction in force for media section <paramref name="index"/>: its own, the session's, else sendrecv (RFC 4566 §6).</summary>
    public SdpDirection EffectiveDirection(int index) => Media[index].Direction ?? Direction ?? SdpDirection.SendRecv;

    /// <summary>The c= that applies to media section <paramref name="index"/>.</summary>
    public SdpConnection? ConnectionOf(int index) => Media[index].Connection ?? Connection;

    public SdpSession Clone()
    {
        var copy = new SdpSession(Origin, SessionName) { Version = Version, Connection = Connection };
        copy.OtherLines.AddRange(OtherLines);
        copy.Attributes.AddRange(Attributes);
        copy.Media.AddRange(Media.Select(m => m.Clone()));
        return copy;
    }

    /// <summary>
    /// Writes the description in the field order of RFC 4566 §5 (v o s i u e p c b t r z k a, then per media
    /// m i c b k a) with CRLF line ends.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(512);
        Line(text, 'v', Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(text, 'o', Origin.ToString());
        Line(text, 's', SessionName);
        foreach (var line in OtherLines.Where(l => l.Type is 'i' or 'u' or 'e' or 'p'))
            Line(text, line.Type, line.Value);
        if (Connection is not null)
            Line(text, 'c', Connection.ToString());
        foreach (var line in OtherLines.Where(l => l.Type is not ('i' or 'u' or 'e' or 'p')))
            Line(text, line.Type, line.Value);
        foreach (var attribute in Attributes)
            Line(text, 'a', attribute.ToString());
        foreach (var media in Media)
        {
            Line(text, 'm', media.MediaLine);
            foreach (var line in media.OtherLines.Where(l => l.Type == 'i'))
                Line(text, 'i', line.Value);
            if (media.Connection is not null)
                Line(text, 'c', media.Connection.ToString());
            foreach (var line in media.OtherLines.Where(l => l.Type != 'i'))
                Line(text, line.Type, line.Value);
            foreach (var attribute in media.Attributes)
                Line(text, 'a', attribute.ToString());
        }
        return text.ToString();
    }

    /// <summary>The UTF-8 body for a SIP message.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    internal static SdpDirection? DirectionOf(List<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            switch (attribute.Name)
            {
                case "sendrecv": return SdpDirection.SendRecv;
                case "sendonly": return SdpDirection.SendOnly;
                case "recvonly": return SdpDirection.RecvOnly;
                case "inactive": return SdpDirection.Inactive;
            }
        }
        return null;
    }

    internal static void SetDirection(List<SdpAttribute> attributes, SdpDirection direction)
    {
        var name = DirectionName(direction);
        var index = attributes.FindIndex(a => a.Name is "sendrecv" or "sendonly" or "recvonly" or "inactive");
        attributes.RemoveAll(a => a.Name is "sendrecv" or "sendonly" or "recvonly" or "inactive");
        attributes.Insert(index < 0 ? attributes.Count : Math.Min(index, attributes.Count), new SdpAttribute(name));
    }

    internal static string DirectionName(SdpDirection direction) => direction switch
    {
        SdpDirection.SendRecv => "sendrecv",
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        _ => "inactive",
    };

    private static void Line(StringBuilder text, char type, string value) => text.Append(type).Append('=').Append(value).Append("\r\n");
}
