namespace Cluster.Edges.Turn.Channels;

/// <summary>What a frame on a TURN TCP/TLS connection holds, told apart by its first two bits (RFC 8656 §12.5, RFC 7983).</summary>
public enum StreamFrameKind : byte
{
    /// <summary>First bits 00: a STUN message.</summary>
    Stun,

    /// <summary>First bits 01: a ChannelData message.</summary>
    ChannelData,
}
