namespace Cluster.Edges.Media.Relay;

/// <summary>What the hijack guard decided about one datagram.</summary>
internal enum LatchDecision
{
    /// <summary>From the latched source (or it just latched): relay it.</summary>
    Accept,

    /// <summary>From another source while latched, or from a source the latch rule refuses: drop and count.</summary>
    Hijack,

    /// <summary>Not RTP/RTCP and nothing latched yet: drop and count as malformed.</summary>
    Malformed,
}
