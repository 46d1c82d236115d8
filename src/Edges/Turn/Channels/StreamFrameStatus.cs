namespace Cluster.Edges.Turn.Channels;

/// <summary>Result of looking for the next frame in buffered stream bytes.</summary>
public enum StreamFrameStatus : byte
{
    /// <summary>A whole frame is buffered; consume exactly its length.</summary>
    Complete,

    /// <summary>Not enough bytes yet; consume nothing and read more.</summary>
    NeedMoreData,

    /// <summary>The bytes cannot start a STUN or ChannelData frame; the connection is out of sync and must close.</summary>
    Invalid,
}
