namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// The transports the edge speaks. UDP is unreliable (transactions retransmit, RFC 3261 §17.1.1.2); TCP and TLS are
/// reliable and connection-oriented, so responses go back over the connection the request came on (§18.2.2).
/// </summary>
public enum SipTransportKind : byte
{
    Udp = 1,
    Tcp = 2,
    Tls = 3,
}

/// <summary>Helpers for the Via transport token and reliability of a <see cref="SipTransportKind"/>.</summary>
public static class SipTransportKinds
{
    /// <summary>True for connection-oriented transports, where timers A/E/G are not used (RFC 3261 §17).</summary>
    public static bool IsReliable(this SipTransportKind kind) => kind != SipTransportKind.Udp;

    /// <summary>The Via transport token (RFC 3261 §20.42).</summary>
    public static string ViaToken(this SipTransportKind kind) => kind switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        SipTransportKind.Tls => "TLS",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transport"),
    };

    /// <summary>Maps a Via transport token; false for transports the edge does not have (SCTP, WS...).</summary>
    public static bool TryParseViaToken(string token, out SipTransportKind kind)
    {
        switch (token.ToUpperInvariant())
        {
            case "UDP": kind = SipTransportKind.Udp; return true;
            case "TCP": kind = SipTransportKind.Tcp; return true;
            case "TLS": kind = SipTransportKind.Tls; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>RFC 3261 §19.1.2 default port of a transport.</summary>
    public static int DefaultPort(this SipTransportKind kind) => kind == SipTransportKind.Tls ? 5061 : 5060;
}
