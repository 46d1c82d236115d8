using System.Collections.Immutable;

namespace Cluster.Actors.Users;

/// <summary>
/// The bounded chat history of a user, oldest first, and the offline store within it (incoming messages not yet
/// delivered). The decider keeps it under <see cref="UserSettings.ChatHistoryLimit"/> by journaling trims; pending
/// messages are never trimmed, they are bounded by <see cref="UserSettings.OfflineMessageLimit"/> instead.
/// </summary>
public sealed record ChatInbox
{
    public static ChatInbox Empty { get; } = new();

    /// <summary>Messages in acceptance order.</summary>
    public ImmutableList<ChatMessage> Messages { get; init; } = [];

    /// <summary>The sequence the next accepted message gets.</summary>
    public long NextSequence { get; init; } = 1;

    public ChatMessage? Find(string messageId)
    {
        foreach (var message in Messages)
        {
            if (message.MessageId == messageId)
            {
                return message;
            }
        }

        return null;
    }

    public int PendingCount => Messages.Count(m => m.IsPendingDelivery);

    public IEnumerable<ChatMessage> Pending => Messages.Where(m => m.IsPendingDelivery);

    internal ChatInbox Append(ChatMessage message) =>
        this with { Messages = Messages.Add(message), NextSequence = Math.Max(NextSequence, message.Sequence + 1) };

    internal ChatInbox Update(IEnumerable<string> messageIds, Func<ChatMessage, ChatMessage> change)
    {
        var ids = messageIds.ToHashSet(StringComparer.Ordinal);
        var builder = Messages.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            if (ids.Contains(builder[i].MessageId))
            {
                builder[i] = change(builder[i]);
            }
        }

        return this with { Messages = builder.ToImmutable() };
    }

    internal ChatInbox TrimThrough(long sequence) =>
        this with { Messages = Messages.RemoveAll(m => m.Sequence <= sequence && !m.IsPendingDelivery) };
}
