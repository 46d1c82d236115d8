namespace Cluster.Actors.Calls;

/// <summary>No media anchoring: SDP goes from leg to leg unchanged (the default until RTP slots are wired in).</summary>
public sealed class PassThroughSdp : ISdpRewriter
{
    public static PassThroughSdp Instance { get; } = new();

    public string Rewrite(CallState state, string? fromLeg, string toLeg, string sdp) => sdp;
}
