namespace Cluster.Edges.Media.Sdp;

/// <summary>Media direction attributes (RFC 4566 §6, RFC 3264 §5.1); hold is sendonly/inactive (RFC 3264 §8.4).</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
