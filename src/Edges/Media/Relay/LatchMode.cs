namespace Cluster.Edges.Media.Relay;

/// <summary>Which source a leg latches onto (symmetric RTP, RFC 4961); <c>uc.media.latch-mode</c>.</summary>
public enum LatchMode
{
    /// <summary>Only packets whose source IP is the address of the leg's SDP.</summary>
    SdpAddress,

    /// <summary>As <see cref="SdpAddress"/>, but any source when the SDP address is private, loopback, link-local, unspecified or unknown.</summary>
    AnyIfPrivate,

    /// <summary>The first packet from anywhere.</summary>
    Any,
}
