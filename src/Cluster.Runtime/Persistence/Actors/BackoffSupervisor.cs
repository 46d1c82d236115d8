using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// Keeps one child alive across outages by starting it again after an exponentially growing, randomized delay
/// (Akka's <c>BackoffSupervisor</c>). Wrap a persistent actor in it: a database outage stops the actor (Akka's
/// persist-failure semantics) and the supervisor brings it back once the database answers again, without a
/// restart storm. Messages to the supervisor are forwarded to the child; while the child is down they go to dead
/// letters with a log line (as in Akka: senders that need an answer retry, e.g. with an ask timeout).
/// </summary>
public sealed class BackoffSupervisor : UntypedActor, IWithTimers
{
    private const string StartChildKey = "backoff-start-child";
    private const string ResetKey = "backoff-reset";

    private readonly BackoffOptions options;
    private IActorRef? child;
    private int restartCount;
    private bool childFailed;
    private bool downLogged;

    private BackoffSupervisor(BackoffOptions options)
    {
        this.options = options;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Ask the supervisor for its <see cref="CurrentChild"/>.</summary>
    public sealed class GetCurrentChild
    {
        public static readonly GetCurrentChild Instance = new();

        private GetCurrentChild()
        {
        }
    }

    /// <summary>Ask the supervisor for its <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount
    {
        public static readonly GetRestartCount Instance = new();

        private GetRestartCount()
        {
        }
    }

    /// <summary>Resets the restart count (the next restart waits minBackoff again).</summary>
    public sealed class Reset
    {
        public static readonly Reset Instance = new();

        private Reset()
        {
        }
    }

    /// <summary>Props of a supervisor for <paramref name="options"/>.</summary>
    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Kernel.Props.Create(() => new BackoffSupervisor(options));
    }

    /// <summary>
    /// The delay before restart number <paramref name="restartCount"/> + 1:
    /// <c>min(max, min * 2^n) * (1 + random01 * randomFactor)</c>, and <paramref name="maxBackoff"/> from 30 on.
    /// </summary>
    public static TimeSpan CalculateDelay(int restartCount, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, double random01)
    {
        if (restartCount >= 30) return maxBackoff;
        var ticks = Math.Min(maxBackoff.Ticks, minBackoff.Ticks * Math.Pow(2, restartCount)) * (1.0 + random01 * randomFactor);
        return TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks));
    }

    protected override SupervisorStrategy SupervisorStrategy() => options.Mode == BackoffMode.OnStop
        ? options.SupervisorStrategy
        : new OneForOneStrategy(_ =>
        {
            childFailed = true;
            return Directive.Stop;
        });

    protected override void PreStart() => StartChild();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated t when child is not null && t.ActorRef.Equals(child):
                ChildTerminated();
                break;
            case StartChildTick:
                StartChild();
                break;
            case ResetRestartCount reset:
                if (reset.AtCount == restartCount) restartCount = 0;
                break;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(child), Self);
                break;
            case GetRestartCount:
                Sender.Tell(new RestartCount(restartCount), Self);
                break;
            case Reset:
                restartCount = 0;
                break;
            default:
                if (child is not null)
                {
                    child.Tell(message, Sender);
                }
                else
                {
                    if (!downLogged)
                    {
                        downLogged = true;
                        Log.Warning("Child {ChildName} is down and waiting for its restart (restart {RestartCount}); {MessageType} and further " +
                                    "messages until it is back go to dead letters", options.ChildName, restartCount, message.GetType().Name);
                    }
                    Cell.DeadLetter(message, Sender);
                }
                break;
        }
    }

    private void StartChild()
    {
        if (child is not null) return;
        child = Context.ActorOf(options.ChildProps, options.ChildName);
        Context.Watch(child);
        downLogged = false;
        if (options.ResetBackoffAfter is { } after && restartCount > 0)
            Timers.StartSingleTimer(ResetKey, new ResetRestartCount(restartCount), after);
    }

    private void ChildTerminated()
    {
        child = null;
        Timers.Cancel(ResetKey);
        if (options.Mode == BackoffMode.OnFailure && !childFailed)
        {
            Log.Information("Child {ChildName} stopped itself; its backoff supervisor stops too", options.ChildName);
            Context.Stop(Self);
            return;
        }
        childFailed = false;
        if (options.MaxNrOfRetries >= 0 && restartCount >= options.MaxNrOfRetries)
        {
            Log.Warning("Child {ChildName} stopped after {RestartCount} restarts, the maximum; its backoff supervisor stops", options.ChildName, restartCount);
            Context.Stop(Self);
            return;
        }
        var delay = CalculateDelay(restartCount, options.MinBackoff, options.MaxBackoff, options.RandomFactor, Random.Shared.NextDouble());
        restartCount++;
        Log.Information("Child {ChildName} stopped; starting it again in {Delay} (restart {RestartCount})", options.ChildName, delay, restartCount);
        Timers.StartSingleTimer(StartChildKey, StartChildTick.Instance, delay);
    }

    private sealed class StartChildTick
    {
        public static readonly StartChildTick Instance = new();
    }

    private sealed record ResetRestartCount(int AtCount);
}
