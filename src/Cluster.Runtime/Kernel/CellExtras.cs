using Serilog;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// The rarely used state of an actor cell (death watch sets, restart bookkeeping, receive timeout, timers, logger,
/// stash), allocated on first use so that an idle actor that never watched, failed or logged stays small.
/// </summary>
internal sealed class CellExtras
{
    public Dictionary<IActorRef, object?>? Watching;          // subject -> custom message of WatchWith (or null)
    public Dictionary<IActorRef, object?>? TerminatedQueued;  // Terminated posted to self, not yet received
    public HashSet<IActorRef>? WatchedBy;
    public HashSet<IActorRef>? StoppingChildren;
    public Dictionary<IActorRef, ChildRestartStats>? RestartStats;

    public Exception? Failure;            // set while waiting for the supervisor's verdict
    public object? FailedMessage;         // message being processed when the failure happened
    public Exception? PendingRecreate;    // restart waiting for children stopped by PreRestart

    public TimeSpan? ReceiveTimeout;
    public ICancelable? ReceiveTimeoutTask;
    public int ReceiveTimeoutGeneration;

    public TimerScheduler? Timers;
    public ActorStash? Stash;
    public ActorSynchronizationContext? SyncContext;
    public int PendingTasks;

    public ILogger? Log;
    public SupervisorStrategy? Strategy;
    public long ChildNameCounter;
}
