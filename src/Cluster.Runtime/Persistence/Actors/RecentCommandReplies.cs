namespace Cluster.Runtime.Persistence;

/// <summary>
/// The answers to the last <see cref="Capacity"/> commands an entity handled, by command id, so that a command a
/// client resends (after a timeout, a reconnect, a failover) is answered with the first answer instead of being
/// acted on twice (design: "entities answer a duplicate with the first answer").
/// </summary>
/// <remarks>
/// Keep it in the entity's state and feed it from the event handler (the event carries the command id and enough
/// to rebuild the reply), so it is rebuilt by recovery like the rest of the state; put <see cref="Entries"/> into
/// snapshots. Least recently remembered ids fall out first; a lookup does not refresh an entry, so the window is
/// "the last N commands", independent of how often clients retry. Not thread-safe (actor state).
/// </remarks>
/// <typeparam name="TReply">What the entity answered.</typeparam>
public sealed class RecentCommandReplies<TReply>
{
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, TReply>>> index;
    private readonly LinkedList<KeyValuePair<string, TReply>> order = new();   // oldest first

    public RecentCommandReplies(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        index = new Dictionary<string, LinkedListNode<KeyValuePair<string, TReply>>>(Math.Min(capacity, 1024), StringComparer.Ordinal);
    }

    /// <summary>Rebuilds from <see cref="Entries"/> (oldest first), e.g. out of a snapshot.</summary>
    public RecentCommandReplies(int capacity, IEnumerable<KeyValuePair<string, TReply>> entries) : this(capacity)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (id, reply) in entries) Remember(id, reply);
    }

    public int Capacity { get; }

    public int Count => index.Count;

    /// <summary>The remembered replies, oldest first (for snapshots).</summary>
    public IReadOnlyList<KeyValuePair<string, TReply>> Entries => order.ToList();

    /// <summary>The first answer to <paramref name="commandId"/>, if it is still remembered.</summary>
    public bool TryGetReply(string commandId, out TReply reply)
    {
        ArgumentNullException.ThrowIfNull(commandId);
        if (index.TryGetValue(commandId, out var node))
        {
            reply = node.Value.Value;
            return true;
        }
        reply = default!;
        return false;
    }

    /// <summary>
    /// Remembers the answer to <paramref name="commandId"/>. The first answer wins: remembering an id again keeps the
    /// stored reply (replay of a duplicate event cannot change it) and returns false.
    /// </summary>
    public bool Remember(string commandId, TReply reply)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        if (index.ContainsKey(commandId)) return false;
        if (index.Count == Capacity)
        {
            var oldest = order.First!;
            order.RemoveFirst();
            index.Remove(oldest.Value.Key);
        }
        index[commandId] = order.AddLast(new KeyValuePair<string, TReply>(commandId, reply));
        return true;
    }
}
