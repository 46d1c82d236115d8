namespace Cluster.Actors.Calls;

/// <summary>
/// The media-anchoring hook. Every SDP the call core forwards from one leg to another passes through
/// <see cref="Rewrite"/> first; today <see cref="PassThroughSdp"/> returns it unchanged, so media flows end to end.
/// The media-anchoring work replaces it with an implementation that swaps connection addresses and ports for the RTP
/// slots reserved in <see cref="CallState.Media"/> (and keeps one o= origin per leg, RFC 3264 §8). It must be pure and
/// deterministic: the decider calls it while deciding, and its output is journaled as the SDP sent.
/// </summary>
public interface ISdpRewriter
{
    /// <summary>The SDP to send to <paramref name="toLeg"/> for <paramref name="sdp"/> received from <paramref name="fromLeg"/> (null: from no leg).</summary>
    string Rewrite(CallState state, string? fromLeg, string toLeg, string sdp);
}
