namespace Cluster.Runtime.Kernel;

/// <summary>
/// An actor that declares typed handlers in its constructor (Akka's ReceiveActor): <c>Receive&lt;T&gt;</c>,
/// <c>ReceiveAsync&lt;T&gt;</c> (the mailbox waits for the task) and <c>ReceiveAny</c>. Handlers are tried in
/// registration order. <see cref="Become(Action)"/> swaps in a behaviour built from the handlers registered inside
/// its callback.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly ReceiveHandlerTable initial = new();
    private ReceiveHandlerTable? building;

    protected ReceiveActor()
    {
        building = initial;
    }

    protected sealed override bool Receive(object message) => initial.TryHandle(message);

    internal override void OnConstructed() => building = null;

    private ReceiveHandlerTable Target => building
        ?? throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside Become(...).");

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new TypedHandler<T>(handler, shouldHandle));
    }

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new TypedHandler<T>(handler, shouldHandle));
    }

    /// <summary>A handler that returns false for messages it declines (they go on to later handlers).</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new TypedFuncHandler<T>(handler));
    }

    /// <summary>An async handler: no other user message is processed until its task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new AsyncTypedHandler<T>(Cell, handler, shouldHandle));
    }

    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new TypedHandler<object>(handler, null));
    }

    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new AsyncTypedHandler<object>(Cell, handler, null));
    }

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> pops it.</summary>
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
