using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Policy;

/// <summary>
/// Whether a TURN client may reach a peer address (CreatePermission, ChannelBind, Send, Connect), with the rule
/// that decided, for the log line and the 403 reason phrase.
/// </summary>
public readonly record struct PeerAddressDecision(bool Allowed, string Reason)
{
    /// <summary>RFC 8656 §9.1, §11: a refused peer is answered 403 (Forbidden); 0 when allowed.</summary>
    public int ErrorCode => Allowed ? 0 : StunErrorCodes.Forbidden;
}
