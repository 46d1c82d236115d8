namespace Cluster.Runtime.Kernel;

/// <summary>
/// Messages the runtime sends between cells (lifecycle, supervision, death watch). They bypass user mailboxes'
/// ordering: a mailbox processes all pending system messages before the next user message. Each instance is a node
/// of the mailbox's lock-free stack, so an instance must be sent exactly once.
/// </summary>
internal abstract class SystemMessage
{
    internal SystemMessage? Next;
}

/// <summary>Creates the actor instance (first message of every cell).</summary>
internal sealed class Create : SystemMessage;

/// <summary>Stops the actor after its children have stopped.</summary>
internal sealed class Terminate : SystemMessage;

/// <summary>Restart ordered by the supervisor.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Stop processing user messages (a parent failed).</summary>
internal sealed class Suspend : SystemMessage;

/// <summary>Resume after a failure; <see cref="CausedByFailure"/> is null when propagated from a resumed parent.</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

/// <summary>A child reports a failure to its supervisor.</summary>
internal sealed class Failed(InternalActorRef child, Exception cause, int uid) : SystemMessage
{
    public InternalActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public int Uid { get; } = uid;
}

internal sealed class Watch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

internal sealed class Unwatch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary>Sent by a stopped actor to its watchers and parent.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
    public bool AddressTerminated { get; } = addressTerminated;
}

/// <summary>The task started by an async handler finished; user messages may flow again.</summary>
internal sealed class AsyncTaskCompleted(Task task, int incarnation) : SystemMessage
{
    public Task Task { get; } = task;
    public int Incarnation { get; } = incarnation;
}

/// <summary>An await continuation of an async handler, run inside the mailbox like Akka's ActorTaskScheduler.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state, int incarnation) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
    public int Incarnation { get; } = incarnation;
}
