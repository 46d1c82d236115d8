namespace Cluster.Runtime.Kernel;

/// <summary>
/// Set-aside messages of one actor (Akka's IStash). Unstashed messages go to the head of the mailbox, ahead of
/// anything queued since, in their original order. On restart the stash is unstashed into the mailbox so that the
/// new instance sees the messages; on stop they become dead letters.
/// </summary>
public interface IStash
{
    /// <summary>Stashes the message being processed.</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the head of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns all stashed messages to the head of the mailbox.</summary>
    void UnstashAll();

    /// <summary>Returns the stashed messages that match <paramref name="predicate"/>; the rest stay stashed.</summary>
    void UnstashAll(Func<Envelope, bool> predicate);

    /// <summary>Empties the stash and returns what it held.</summary>
    IReadOnlyList<Envelope> ClearStash();

    int Count { get; }
}
