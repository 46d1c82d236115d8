using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// A persistent actor that declares typed handlers in its constructor (Akka's <c>ReceivePersistentActor</c>):
/// <c>Recover&lt;T&gt;</c> for replay, <c>Command&lt;T&gt;</c>, <c>CommandAsync&lt;T&gt;</c> and <c>CommandAny</c>
/// for commands. Handlers are tried in registration order; <see cref="Become(Action)"/> swaps the command handlers.
/// </summary>
public abstract class ReceivePersistentActor : Eventsourced
{
    private readonly ReceiveHandlerTable commands = new();
    private readonly ReceiveHandlerTable recovers = new();
    private ReceiveHandlerTable? building;
    private bool constructing = true;

    protected ReceivePersistentActor()
    {
        building = commands;
    }

    protected sealed override bool Receive(object message) => commands.TryHandle(message);

    internal sealed override bool ReceiveRecoverInternal(object message) => recovers.TryHandle(message);

    internal override void OnConstructed()
    {
        base.OnConstructed();
        building = null;
        constructing = false;
    }

    private ReceiveHandlerTable CommandTarget => building
        ?? throw new InvalidOperationException("Command handlers can only be registered in the constructor or inside Become(...).");

    private ReceiveHandlerTable RecoverTarget => constructing
        ? recovers
        : throw new InvalidOperationException("Recover handlers can only be registered in the constructor.");

    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CommandTarget.Add(new TypedHandler<T>(handler, shouldHandle));
    }

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ArgumentNullException.ThrowIfNull(handler);
        CommandTarget.Add(new TypedHandler<T>(handler, shouldHandle));
    }

    /// <summary>A handler that returns false for commands it declines (they go on to later handlers).</summary>
    protected void Command<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CommandTarget.Add(new TypedFuncHandler<T>(handler));
    }

    /// <summary>An async command handler: no other command is processed until its task completes.</summary>
    protected void CommandAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CommandTarget.Add(new AsyncTypedHandler<T>(Cell, handler, shouldHandle));
    }

    protected void CommandAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CommandTarget.Add(new TypedHandler<object>(handler, null));
    }

    protected void CommandAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CommandTarget.Add(new AsyncTypedHandler<object>(Cell, handler, null));
    }

    /// <summary>Applies replayed events (and <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>) of type <typeparamref name="T"/>.</summary>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RecoverTarget.Add(new TypedHandler<T>(handler, shouldHandle));
    }

    protected void Recover<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RecoverTarget.Add(new TypedFuncHandler<T>(handler));
    }

    protected void RecoverAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RecoverTarget.Add(new TypedHandler<object>(handler, null));
    }

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes command handlers; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var table = new ReceiveHandlerTable();
        var previous = building;
        building = table;
        try
        {
            configure();
        }
        finally
        {
            building = previous;
        }
        return table.TryHandle;
    }
}
