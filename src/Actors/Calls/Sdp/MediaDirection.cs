namespace Cluster.Actors.Calls;

/// <summary>The SDP direction attribute of a stream (RFC 3264 §5.1, §8.4).</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
