using System.Net;
using Cluster.Edges.Dns.SipLocation;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// Where a request goes: a transport and address (a located RFC 3263 target, which may reuse a connection to that
/// address), or an existing flow (RFC 5626: a request to a registered user goes over the connection it registered
/// on, and fails fast when that connection is gone).
/// </summary>
/// <param name="Transport">Transport to use.</param>
/// <param name="EndPoint">Remote address and port.</param>
/// <param name="Host">Host name for TLS server name checks and SNI; null for a numeric target.</param>
/// <param name="Flow">When set, the message must use this flow and no other connection.</param>
public sealed record SipDestination(SipTransportKind Transport, IPEndPoint EndPoint, string? Host = null, SipFlow? Flow = null)
{
    /// <summary>Whether the transaction layer may skip retransmissions (RFC 3261 §17.1.1.2).</summary>
    public bool IsReliable => Transport.IsReliable();

    /// <summary>A destination for a located target (RFC 3263).</summary>
    public static SipDestination FromTarget(SipTarget target) => new(target.Transport switch
    {
        SipTargetTransport.Udp => SipTransportKind.Udp,
        SipTargetTransport.Tcp => SipTransportKind.Tcp,
        SipTargetTransport.Tls => SipTransportKind.Tls,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Transport, "unknown transport"),
    }, target.EndPoint, target.Host);

    /// <summary>A destination bound to one flow (RFC 5626 §5.3).</summary>
    public static SipDestination OnFlow(SipFlow flow) => new(flow.Transport, flow.Remote, null, flow);

    public override string ToString() => Flow is { } f ? $"flow {f}" : $"{Transport.ViaToken()} {EndPoint}{(Host is null ? "" : $" ({Host})")}";
}
