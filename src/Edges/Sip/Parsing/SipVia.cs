using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// One Via entry (RFC 3261 §20.42): what the transaction layer matches on (branch, sent-by) and what the transport
/// needs to route a response (received, rport per RFC 3581, maddr, ttl).
/// </summary>
public sealed class SipVia
{
    /// <summary>The RFC 3261 §8.1.1.7 magic cookie that marks a globally unique branch.</summary>
    public const string MagicCookie = "z9hG4bK";

    private SipVia(string raw) => Raw = raw;

    /// <summary>The via-parm exactly as received (unfolded).</summary>
    public string Raw { get; }

    public string ProtocolName { get; private init; } = "SIP";

    public string ProtocolVersion { get; private init; } = "2.0";

    /// <summary>Transport token in upper case (UDP, TCP, TLS, SCTP, WS, WSS or an unknown token).</summary>
    public string Transport { get; private init; } = "UDP";

    /// <summary>sent-by host; IPv6 keeps its brackets.</summary>
    public string Host { get; private init; } = "";

    /// <summary>sent-by port, or null when absent (the transport default applies, RFC 3261 §18.2.2).</summary>
    public int? Port { get; private init; }

    public string? Branch { get; private init; }

    public string? Received { get; private init; }

    /// <summary>True when rport is present, as flag or value (RFC 3581 §4).</summary>
    public bool HasRPort { get; private init; }

    /// <summary>The rport value filled in by a server; null for the bare flag.</summary>
    public int? RPort { get; private init; }

    public SipParameterList Parameters { get; private init; } = SipParameterList.Empty;

    public string? MAddr => Parameters.GetValue("maddr");

    public int? Ttl => int.TryParse(Parameters.GetValue("ttl"), out var t) ? t : null;

    /// <summary>True when the branch starts with the magic cookie and has more after it (RFC 3261 §17.2.3).</summary>
    public bool HasRfc3261Branch => Branch is { } b && b.Length > MagicCookie.Length && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public override string ToString() => Raw;

    internal static SipVia Create(ReadOnlySpan<byte> s, in SipViaLayout l) => new(SipText.Unfold(s))
    {
        ProtocolName = Encoding.ASCII.GetString(s[l.ProtocolName]),
        ProtocolVersion = Encoding.ASCII.GetString(s[l.ProtocolVersion]),
        Transport = Encoding.ASCII.GetString(s[l.Transport]).ToUpperInvariant(),
        Host = Encoding.ASCII.GetString(s[l.Host]),
        Port = l.Port < 0 ? null : l.Port,
        Branch = l.HasBranch ? Encoding.UTF8.GetString(s[l.Branch]) : null,
        Received = l.HasReceived ? Encoding.ASCII.GetString(s[l.Received]) : null,
        HasRPort = l.HasRPort,
        RPort = l.RPort < 0 ? null : l.RPort,
        Parameters = SipHeaderParamReader.ReadAll(s, l.ParamsStart),
    };
}
