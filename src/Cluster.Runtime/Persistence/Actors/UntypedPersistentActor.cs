using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// A persistent actor with one method per side (Akka's <c>UntypedPersistentActor</c>): <see cref="OnRecover"/> for
/// replay, <see cref="OnCommand"/> for commands. Everything counts as handled unless the actor calls
/// <c>Unhandled(message)</c> itself.
/// </summary>
public abstract class UntypedPersistentActor : Eventsourced
{
    protected abstract void OnCommand(object message);

    protected abstract void OnRecover(object message);

    protected sealed override bool Receive(object message)
    {
        OnCommand(message);
        return true;
    }

    internal sealed override bool ReceiveRecoverInternal(object message)
    {
        OnRecover(message);
        return true;
    }

    /// <summary>Replaces the command handler (recovery is unaffected).</summary>
    protected void Become(UntypedReceive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Context.Become(message =>
        {
            receive(message);
            return true;
        });
    }
}
