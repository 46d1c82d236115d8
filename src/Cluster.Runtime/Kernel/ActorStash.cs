namespace Cluster.Runtime.Kernel;

/// <summary>
/// The stash of one actor incarnation. Persistence can create its own instance on a cell for internal stashing
/// while a write is in flight.
/// </summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> stashed = new();

    public int Count => stashed.Count;

    public void Stash()
    {
        var message = cell.CurrentMessage
                      ?? throw new IllegalActorStateException("Stash() can only be called while the actor processes a message.");
        if (message is IAutoReceivedMessage)
            throw new IllegalActorStateException($"{message.GetType().Name} is handled by the runtime and cannot be stashed.");
        stashed.AddLast(new Envelope(message, cell.Sender));
    }

    public void Unstash()
    {
        if (stashed.First is not { } first) return;
        stashed.RemoveFirst();
        cell.Mailbox.EnqueueFirst([first.Value]);
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<Envelope, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (stashed.Count == 0) return;
        var selected = new List<Envelope>(stashed.Count);
        var node = stashed.First;
        while (node is not null)
        {
            var next = node.Next;
            if (predicate(node.Value))
            {
                selected.Add(node.Value);
                stashed.Remove(node);
            }
            node = next;
        }
        cell.Mailbox.EnqueueFirst(selected);
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = stashed.ToList();
        stashed.Clear();
        return all;
    }

    internal void UnstashAllToMailbox() => UnstashAll();

    internal void DrainToDeadLetters()
    {
        foreach (var e in stashed) cell.DeadLetter(e.Message, e.Sender);
        stashed.Clear();
    }
}
