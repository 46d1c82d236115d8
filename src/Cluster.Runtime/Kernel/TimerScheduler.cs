namespace Cluster.Runtime.Kernel;

/// <summary>
/// Per-actor keyed timers. Each start gets a fresh generation; the scheduled tick carries key and generation, and
/// <see cref="Accept"/> (on the actor's thread) delivers it only while that exact timer is still registered.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private sealed record Entry(object Message, int Generation, bool Repeat, ICancelable Task);

    private readonly Dictionary<object, Entry> timers = new();
    private int generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (message is TimerMessage) throw new ArgumentException("A timer cannot carry another timer's tick.", nameof(message));
        Cancel(key);
        var gen = ++generation;
        var tick = new TimerMessage(key, gen, this);
        var scheduler = cell.System.Scheduler;
        var task = interval is { } period
            ? scheduler.ScheduleTellRepeatedly(delay, period, cell.Self, tick, null)
            : scheduler.ScheduleTellOnce(delay, cell.Self, tick, null);
        timers[key] = new Entry(message, gen, interval is not null, task);
    }

    public bool IsTimerActive(object key) => timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (timers.Remove(key, out var entry)) entry.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var entry in timers.Values) entry.Task.Cancel();
        timers.Clear();
    }

    /// <summary>The payload to deliver for <paramref name="tick"/>, or null when that timer is gone.</summary>
    internal object? Accept(TimerMessage tick)
    {
        if (!ReferenceEquals(tick.Owner, this)) return null;
        if (!timers.TryGetValue(tick.Key, out var entry) || entry.Generation != tick.Generation) return null;
        if (!entry.Repeat) timers.Remove(tick.Key);
        return entry.Message;
    }
}
