namespace Cluster.Edges.Media;

/// <summary>
/// The two parties of an anchored call. Leg A (the caller side) talks to the slot's first RTP/RTCP pair, leg B (the
/// callee side) to the second; SDP from one leg is rewritten for the other.
/// </summary>
public enum MediaLeg
{
    A,
    B,
}
