namespace Cluster.Runtime.Persistence;

/// <summary>
/// A persistent actor with two handlers returning whether they handled the message (Akka's <c>PersistentActor</c>):
/// <see cref="ReceiveRecover"/> rebuilds state from snapshot offers and events, <see cref="ReceiveCommand"/> handles
/// commands and persists events.
/// </summary>
public abstract class PersistentActor : Eventsourced
{
    /// <summary>Applies a replayed event, a <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command (also SaveSnapshotSuccess and the other answers of this actor's requests).</summary>
    protected abstract bool ReceiveCommand(object message);

    protected sealed override bool Receive(object message) => ReceiveCommand(message);

    internal sealed override bool ReceiveRecoverInternal(object message) => ReceiveRecover(message);
}
