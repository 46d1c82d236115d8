namespace Cluster.Runtime.Kernel;

/// <summary>
/// An actor with a single <see cref="OnReceive"/> method (Akka's UntypedActor). Everything counts as handled unless
/// the actor calls <c>Unhandled(message)</c> itself.
/// </summary>
public abstract class UntypedActor : ActorBase
{
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected abstract void OnReceive(object message);

    /// <summary>Replaces the behaviour with <paramref name="receive"/>.</summary>
    protected void Become(UntypedReceive receive) => Context.Become(Wrap(receive));

    /// <summary>Pushes <paramref name="receive"/>; <see cref="UnbecomeStacked"/> returns to the previous behaviour.</summary>
    protected void BecomeStacked(UntypedReceive receive) => Context.BecomeStacked(Wrap(receive));

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    private static Receive Wrap(UntypedReceive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        return message =>
        {
            receive(message);
            return true;
        };
    }
}
