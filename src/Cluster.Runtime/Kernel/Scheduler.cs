using System.Collections.Concurrent;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// Delayed and periodic sends (Akka's scheduler), on top of <see cref="TimeProvider"/> timers so that tests drive
/// time with a manual provider. A raw cancellation can race with a send already under way; actors that must never
/// see a cancelled message use keyed timers (<see cref="IWithTimers"/>), which check a generation on receipt.
/// Everything still pending is cancelled when the actor system terminates.
/// </summary>
public sealed class Scheduler
{
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<ScheduledItem, byte> pending = new();
    private volatile bool shutDown;

    internal Scheduler(TimeProvider time) => this.time = time;

    /// <summary>The clock every kernel timer uses.</summary>
    public TimeProvider TimeProvider => time;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(CheckDelay(delay, nameof(delay)), Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender), repeat: false);
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(CheckDelay(initialDelay, nameof(initialDelay)), CheckInterval(interval), () => receiver.Tell(message, sender), repeat: true);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(CheckDelay(delay, nameof(delay)), Timeout.InfiniteTimeSpan, action, repeat: false);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(CheckDelay(initialDelay, nameof(initialDelay)), CheckInterval(interval), action, repeat: true);
    }

    private ICancelable Schedule(TimeSpan due, TimeSpan period, Action action, bool repeat)
    {
        if (shutDown) throw new InvalidOperationException("The scheduler of a terminated actor system accepts no work.");
        var item = new ScheduledItem(this, action, repeat);
        pending[item] = 0;
        item.Start(time, due, period);
        if (shutDown) item.Cancel();
        return item;
    }

    internal void Forget(ScheduledItem item) => pending.TryRemove(item, out _);

    /// <summary>Cancels everything pending (actor system termination).</summary>
    internal void Shutdown()
    {
        shutDown = true;
        foreach (var item in pending.Keys) item.Cancel();
    }

    private static TimeSpan CheckDelay(TimeSpan delay, string name) =>
        delay < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(name, delay, "A delay must not be negative.") : delay;

    private static TimeSpan CheckInterval(TimeSpan interval) =>
        interval <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(interval), interval, "An interval must be positive.") : interval;
}
