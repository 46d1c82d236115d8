namespace Cluster.Actors.Users;

/// <summary>A chat message entered the inbox (incoming, or the sender's own copy of an outgoing one).</summary>
public sealed record ChatMessageAccepted(ChatMessage Message) : IUserEvent
{
    public const string Manifest = "user.chat-accepted.v1";
}

/// <summary>Delivery receipt: a device of the recipient took these messages.</summary>
public sealed record ChatMessagesDelivered(IReadOnlyList<string> MessageIds, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.chat-delivered.v1";
}

/// <summary>Read receipt: the recipient displayed these messages (implies delivered).</summary>
public sealed record ChatMessagesRead(IReadOnlyList<string> MessageIds, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.chat-read.v1";
}

/// <summary>History bound: delivered and outgoing messages up to this sequence were dropped (pending ones are kept).</summary>
public sealed record ChatHistoryTrimmed(long ThroughSequence) : IUserEvent
{
    public const string Manifest = "user.chat-history-trimmed.v1";
}
