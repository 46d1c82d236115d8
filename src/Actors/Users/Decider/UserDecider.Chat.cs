using System.Text;
using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

public sealed partial class UserDecider
{
    private Outcome HandleSendMessage(UserState state, SendMessage c, DateTimeOffset now)
    {
        if ((RequireEnabled(state) ?? CheckPeer(state, c.To, "recipient") ?? CheckChat(c.MessageId, c.Body, c.ContentType, c.Subject)) is { } invalid)
        {
            return invalid;
        }

        if (state.Chat.Find(c.MessageId) is { } known)
        {
            return Outcome.Ok(new ChatAccepted(known.MessageId, known.Sequence, known.AcceptedAt, StoredOffline: false));
        }

        var message = new ChatMessage(c.MessageId, state.Address, c.To, ChatDirection.Outgoing, c.Body, c.ContentType, now, state.Chat.NextSequence,
            Subject: UserValidation.Normalize(c.Subject));
        var outcome = Outcome.Ok(new ChatAccepted(message.MessageId, message.Sequence, now, StoredOffline: false))
            .With(new ChatMessageAccepted(message))
            .WithEffect(new TellUser(c.To, new AcceptMessage(c.MessageId, state.Address, c.Body, c.ContentType, message.Subject) { CommandId = $"chat/{c.MessageId}" }));
        return TrimHistory(state, outcome);
    }

    /// <summary>
    /// A message for this user. It is journaled before anything else (design: a chat message accepted must survive a
    /// node), then delivered to every live device; with none it stays in the offline store and is delivered when a
    /// binding or session appears. The message id de-duplicates retries from any path.
    /// </summary>
    private Outcome HandleAcceptMessage(UserState state, AcceptMessage c, DateTimeOffset now)
    {
        if ((RequireEnabled(state) ?? CheckPeer(state, c.From, "sender") ?? CheckChat(c.MessageId, c.Body, c.ContentType, c.Subject)) is { } invalid)
        {
            return invalid;
        }

        if (state.Chat.Find(c.MessageId) is { } known)
        {
            return Outcome.Ok(new ChatAccepted(known.MessageId, known.Sequence, known.AcceptedAt, known.IsPendingDelivery && !state.IsReachable(now)));
        }

        if (PermissionResolver.ResolveLevel(state, c.From).Level == PermissionLevel.Blocked)
        {
            return Outcome.Reject(UserErrorCode.Blocked, $"{state.Address} does not accept messages from {c.From}");
        }

        if (state.Chat.PendingCount >= Settings.OfflineMessageLimit)
        {
            return Outcome.Reject(UserErrorCode.MailboxFull, $"{state.Address} has {state.Chat.PendingCount} undelivered messages");
        }

        var message = new ChatMessage(c.MessageId, c.From, state.Address, ChatDirection.Incoming, c.Body, c.ContentType, now, state.Chat.NextSequence,
            Subject: UserValidation.Normalize(c.Subject));
        var targets = DeliveryTargets(state, now);
        var outcome = Outcome.Ok(new ChatAccepted(message.MessageId, message.Sequence, now, StoredOffline: targets.Count == 0))
            .With(new ChatMessageAccepted(message));
        if (targets.Count > 0)
        {
            outcome.WithEffect(new DeliverChat(message, targets));
        }

        return TrimHistory(state, outcome);
    }

    private static Outcome HandleConfirmDelivery(UserState state, ConfirmDelivery c, DateTimeOffset now)
    {
        if (c.MessageIds is not { Count: > 0 })
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "no message ids");
        }

        var delivered = Incoming(state, c.MessageIds).Where(m => m.DeliveredAt is null).ToList();
        if (delivered.Count == 0)
        {
            return Outcome.Ok();
        }

        var outcome = Outcome.Ok().With(new ChatMessagesDelivered([.. delivered.Select(m => m.MessageId)], now));
        foreach (var message in delivered)
        {
            outcome.WithEffect(Receipt(message, ChatReceiptKind.Delivered, now));
        }

        return outcome;
    }

    private static Outcome HandleMarkRead(UserState state, MarkRead c, DateTimeOffset now)
    {
        if (c.MessageIds is not { Count: > 0 })
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "no message ids");
        }

        var read = Incoming(state, c.MessageIds).Where(m => m.ReadAt is null).ToList();
        if (read.Count == 0)
        {
            return Outcome.Ok();
        }

        var outcome = Outcome.Ok().With(new ChatMessagesRead([.. read.Select(m => m.MessageId)], now));
        foreach (var message in read)
        {
            outcome.WithEffect(Receipt(message, ChatReceiptKind.Read, now));
        }

        return outcome;
    }

    /// <summary>A receipt for a message this user sent; unknown ids (trimmed already) are ignored.</summary>
    private static Outcome HandleChatReceipt(UserState state, RecordChatReceipt c, DateTimeOffset now)
    {
        if (c.MessageId is null || state.Chat.Find(c.MessageId) is not { Direction: ChatDirection.Outgoing } message)
        {
            return Outcome.Ok();
        }

        var outcome = c.Kind switch
        {
            ChatReceiptKind.Delivered when message.DeliveredAt is null => Outcome.Ok().With(new ChatMessagesDelivered([c.MessageId], c.At)),
            ChatReceiptKind.Read when message.ReadAt is null => Outcome.Ok().With(new ChatMessagesRead([c.MessageId], c.At)),
            _ => null,
        };
        return outcome is null
            ? Outcome.Ok()
            : WithSessionNotice(outcome, state, now, new ChatReceiptNotice(c.MessageId, message.To, c.Kind, c.At));
    }

    /// <summary>
    /// Keeps the history bounded: once it holds more than the limit plus a 10% slack, one event drops the oldest
    /// messages that are not pending delivery, down to the limit. Pending messages are never dropped.
    /// </summary>
    private Outcome TrimHistory(UserState state, Outcome outcome)
    {
        var limit = Settings.ChatHistoryLimit;
        var count = state.Chat.Messages.Count + 1;
        if (count <= limit + Math.Max(1, limit / 10))
        {
            return outcome;
        }

        var excess = count - limit;
        long? through = null;
        foreach (var message in state.Chat.Messages)
        {
            if (excess == 0)
            {
                break;
            }

            if (!message.IsPendingDelivery)
            {
                through = message.Sequence;
                excess--;
            }
        }

        return through is { } sequence ? outcome.With(new ChatHistoryTrimmed(sequence)) : outcome;
    }

    private Outcome? CheckChat(string messageId, string body, string contentType, string? subject)
    {
        var error = UserValidation.Token(messageId, "message id", required: true, 128)
            ?? UserValidation.Text(subject, "subject", required: false)
            ?? (body is null ? "message body is missing" : null)
            ?? (string.IsNullOrWhiteSpace(contentType) || !contentType.Contains('/', StringComparison.Ordinal) || contentType.Length > 128
                ? $"content type '{contentType}' is not a MIME type"
                : null);
        if (error is not null)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        var bytes = Encoding.UTF8.GetByteCount(body!);
        return bytes > Settings.MaxMessageBytes
            ? Outcome.Reject(UserErrorCode.TooLarge, $"message body of {bytes} bytes exceeds {Settings.MaxMessageBytes}")
            : null;
    }

    private static IEnumerable<ChatMessage> Incoming(UserState state, IReadOnlyList<string> ids)
    {
        var wanted = ids.Where(i => i is not null).ToHashSet(StringComparer.Ordinal);
        return state.Chat.Messages.Where(m => m.Direction == ChatDirection.Incoming && wanted.Contains(m.MessageId));
    }

    private static TellUser Receipt(ChatMessage message, ChatReceiptKind kind, DateTimeOffset at) =>
        new(message.From, new RecordChatReceipt(message.MessageId, kind, at) { CommandId = $"receipt/{kind}/{message.To}/{message.MessageId}" });

    private static UserAddress Nobody => default;
}
