namespace Cluster.Runtime.Remoting;

/// <summary>Outcome of looking for one frame at the start of the received bytes.</summary>
internal enum FrameReadStatus
{
    /// <summary>Not enough bytes yet; nothing was consumed.</summary>
    Incomplete,
    Complete,
    /// <summary>The length prefix exceeds maximum-frame-size (known from the first 4 bytes).</summary>
    Oversized,
    /// <summary>Zero length or unknown kind: the stream cannot be trusted any further.</summary>
    Malformed,
}
