namespace Cluster.Runtime.Kernel;

/// <summary>
/// The temporary reply address of one Ask: no actor, no mailbox, just a task completion source, a timeout timer and
/// a lazily created path under <c>/temp</c> (registered only if someone asks for the path, e.g. to serialize it).
/// The first reply wins; a <see cref="Status.Failure"/> faults the task.
/// </summary>
internal sealed class PromiseActorRef<T> : InternalActorRef
{
    private readonly TaskCompletionSource<T> promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LocalActorRefProvider provider;
    private readonly IActorRef target;
    private readonly Type messageType;
    private readonly TimeSpan timeout;
    private ITimer? timer;
    private CancellationTokenRegistration cancellation;
    private ActorPath? path;
    private List<InternalActorRef>? watchers;

    public PromiseActorRef(LocalActorRefProvider provider, IActorRef target, Type messageType, TimeSpan timeout)
    {
        this.provider = provider;
        this.target = target;
        this.messageType = messageType;
        this.timeout = timeout;
    }

    public Task<T> Task => promise.Task;

    public override ActorPath Path
    {
        get
        {
            if (path is not null) return path;
            lock (promise)
            {
                if (path is not null) return path;
                var p = provider.RegisterTempActor(this);
                path = p;
                if (promise.Task.IsCompleted) provider.UnregisterTempActor(p);
                return p;
            }
        }
    }

    public override bool IsTerminated => promise.Task.IsCompleted;
    public override bool IsLocal => true;

    public void Start(TimeProvider time, CancellationToken cancellationToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            var t = time.CreateTimer(static s => ((PromiseActorRef<T>)s!).OnTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref timer, t);
            if (promise.Task.IsCompleted) t.Dispose();
        }
        if (cancellationToken.CanBeCanceled)
            cancellation = cancellationToken.UnsafeRegister(static s => ((PromiseActorRef<T>)s!).OnCancelled(), this);
    }

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool completed;
        switch (message)
        {
            case Status.Failure failure:
                completed = promise.TrySetException(failure.Cause);
                break;
            case T reply:
                completed = promise.TrySetResult(reply);
                break;
            default:
                completed = promise.TrySetException(new InvalidCastException(
                    $"Ask of {messageType.FullName} to {target.Path} expected a reply of type {typeof(T).FullName} " +
                    $"but received {message.GetType().FullName}."));
                break;
        }
        if (completed) Cleanup();
        else provider.System.DeadLetterRef.Deliver(message, sender, this);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w)
        {
            lock (promise)
            {
                if (!promise.Task.IsCompleted)
                {
                    (watchers ??= []).Add(w.Watcher);
                    return;
                }
            }
            ReplyTerminatedToWatch(message, existenceConfirmed: true);
        }
        else if (message is Unwatch u)
        {
            lock (promise) watchers?.Remove(u.Watcher);
        }
    }

    public override void Stop()
    {
        if (promise.TrySetCanceled()) Cleanup();
    }

    private void OnTimeout()
    {
        var e = new AskTimeoutException(
            $"Ask timed out on {target.Path} after {timeout.TotalMilliseconds:0.###} ms; message of type {messageType.FullName} got no reply.");
        if (promise.TrySetException(e)) Cleanup();
    }

    private void OnCancelled()
    {
        if (promise.TrySetCanceled()) Cleanup();
    }

    private void Cleanup()
    {
        Volatile.Read(ref timer)?.Dispose();
        cancellation.Dispose();
        List<InternalActorRef>? toNotify;
        ActorPath? registered;
        lock (promise)
        {
            toNotify = watchers;
            watchers = null;
            registered = path;
        }
        if (registered is not null) provider.UnregisterTempActor(registered);
        if (toNotify is null) return;
        foreach (var w in toNotify) w.SendSystemMessage(new DeathWatchNotification(this, true, false));
    }
}
