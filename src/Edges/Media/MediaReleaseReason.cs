namespace Cluster.Edges.Media;

/// <summary>Why a slot came back to the free list; recorded in the call record with the statistics.</summary>
public enum MediaReleaseReason
{
    /// <summary>The call entity released it (the call ended).</summary>
    CallEnded,

    /// <summary>Neither leg sent RTP or RTCP for the silence timeout.</summary>
    SilenceTimeout,

    /// <summary>The node holding the call's signalling died (<c>ReleaseAllForNode</c>).</summary>
    SignallingNodeDown,

    /// <summary>The media edge stopped.</summary>
    Shutdown,
}
