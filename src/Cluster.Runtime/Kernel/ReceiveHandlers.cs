namespace Cluster.Runtime.Kernel;

/// <summary>One registered handler of a <see cref="ReceiveActor"/>.</summary>
internal abstract class ReceiveHandler
{
    public abstract bool TryHandle(object message);
}

internal sealed class TypedHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : ReceiveHandler
{
    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        handler(typed);
        return true;
    }
}

internal sealed class TypedFuncHandler<T>(Func<T, bool> handler) : ReceiveHandler
{
    public override bool TryHandle(object message) => message is T typed && handler(typed);
}

internal sealed class AsyncTypedHandler<T>(ActorCell cell, Func<T, Task> handler, Predicate<T>? shouldHandle) : ReceiveHandler
{
    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        cell.RunTask(static s =>
        {
            var (h, m) = ((Func<T, Task>, T))s!;
            return h(m);
        }, (handler, typed));
        return true;
    }
}

/// <summary>The ordered handlers of one behaviour: the first that matches wins (Akka's semantics).</summary>
internal sealed class ReceiveHandlerTable
{
    private ReceiveHandler[] handlers = [];

    public void Add(ReceiveHandler handler)
    {
        var copy = new ReceiveHandler[handlers.Length + 1];
        handlers.CopyTo(copy, 0);
        copy[^1] = handler;
        handlers = copy;
    }

    public bool TryHandle(object message)
    {
        foreach (var h in handlers)
            if (h.TryHandle(message)) return true;
        return false;
    }
}
