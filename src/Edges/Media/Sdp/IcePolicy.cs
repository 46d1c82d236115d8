namespace Cluster.Edges.Media.Sdp;

/// <summary>What the anchor does with ICE attributes (RFC 8839) of SDP it rewrites; <c>uc.media.ice</c>.</summary>
public enum IcePolicy
{
    /// <summary>Remove them, so endpoints cannot find a path around the anchor.</summary>
    Strip,

    /// <summary>Forward them unchanged.</summary>
    Pass,
}
