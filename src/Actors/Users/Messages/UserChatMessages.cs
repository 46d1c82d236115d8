using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>Receipt kinds sent back to a sender's entity.</summary>
public enum ChatReceiptKind
{
    Delivered,
    Read,
}

/// <summary>This user sends a message: the own copy is stored and the recipient's entity is told to accept it.</summary>
public sealed record SendMessage(string MessageId, UserAddress To, string Body, string ContentType = "text/plain", string? Subject = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>A message to this user; stored, delivered to live devices, or kept offline until one appears.</summary>
public sealed record AcceptMessage(string MessageId, UserAddress From, string Body, string ContentType = "text/plain", string? Subject = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>A device of this user took these messages (SIP 200 to MESSAGE, or the web client's ack).</summary>
public sealed record ConfirmDelivery(IReadOnlyList<string> MessageIds) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>This user read these messages.</summary>
public sealed record MarkRead(IReadOnlyList<string> MessageIds) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>From the recipient's entity: a receipt for a message this user sent.</summary>
public sealed record RecordChatReceipt(string MessageId, ChatReceiptKind Kind, DateTimeOffset At) : IUserCommand
{
    public string? CommandId { get; init; }
}
