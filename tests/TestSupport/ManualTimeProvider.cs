namespace Cluster.TestSupport;

/// <summary>
/// A clock that moves only when a test says so, shared by every test project so timer semantics are the same
/// everywhere. <see cref="Advance"/> steps to each due timer in turn and fires it synchronously at its own due time
/// (earliest first; timers due together fire in the order they were armed), so a timer re-armed from a callback is
/// scheduled from the moment it fired, as on a real clock, and a test knows exactly which callbacks ran before its
/// next step. The wall clock (<see cref="GetUtcNow"/>) and the monotonic timestamp move together; only
/// <see cref="SetUtcNow"/> can step the wall clock back, to simulate a clock set backwards.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>Where a clock made without a start begins: 2025-01-01T00:00:00Z (Unix time 1735689600).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly long startTicks;
    private long ticks;
    private long wallAdjustTicks;
    private long sequence;

    /// <summary>A clock reading <paramref name="start"/> (default <see cref="DefaultStart"/>) whose timestamp is its UTC ticks.</summary>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        startTicks = (start ?? DefaultStart).UtcTicks;
        ticks = startTicks;
    }

    /// <summary>How far the clock has been advanced since it was made (wall-clock steps back not counted).</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (gate) return TimeSpan.FromTicks(ticks - startTicks);
        }
    }

    /// <summary>Timers armed and not yet fired (one-shot), stopped or disposed.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (gate) return timers.Count;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate) return ticks;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return new DateTimeOffset(ticks + wallAdjustTicks, TimeSpan.Zero);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, firing every timer that comes due on the way at its own due
    /// time (periodic ones repeatedly), then leaves the clock at the target.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(by), by, "A manual clock only advances; use SetUtcNow to step the wall clock back.");
        long target;
        lock (gate) target = ticks + by.Ticks;
        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = null;
                foreach (var timer in timers)
                {
                    if (timer.DueAt <= target && (next is null || timer.DueAt < next.DueAt || (timer.DueAt == next.DueAt && timer.Sequence < next.Sequence)))
                        next = timer;
                }

                if (next is null)
                {
                    ticks = target;
                    return;
                }

                ticks = Math.Max(ticks, next.DueAt);
                timers.Remove(next);
                if (next.Period is { } period) Arm(next, ticks + period);
            }

            next.Fire();
        }
    }

    /// <summary>Advances to <paramref name="elapsed"/> after the start, firing due timers on the way.</summary>
    public void AdvanceTo(TimeSpan elapsed) => Advance(elapsed - Elapsed);

    /// <summary>
    /// Sets the wall clock. Forward, this is <see cref="Advance"/> (timers fire). Backward, only the wall clock is
    /// stepped back, as when a host's clock is corrected: the monotonic timestamp and armed timers are unaffected.
    /// </summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        var delta = value - GetUtcNow();
        if (delta >= TimeSpan.Zero)
        {
            Advance(delta);
            return;
        }

        lock (gate) wallAdjustTicks += delta.Ticks;
    }

    /// <summary>Under <see cref="gate"/>: (re)arms <paramref name="timer"/> behind every timer already due at the same time.</summary>
    private void Arm(ManualTimer timer, long dueAt)
    {
        timer.DueAt = dueAt;
        timer.Sequence = ++sequence;
        timers.Add(timer);
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            timers.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
            if (dueTime != Timeout.InfiniteTimeSpan) Arm(timer, ticks + dueTime.Ticks);
        }
    }

    private void Cancel(ManualTimer timer)
    {
        lock (gate) timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; set; }

        public long Sequence { get; set; }

        public long? Period { get; set; }

        public volatile bool Disposed;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Disposed) return false;
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose()
        {
            Disposed = true;
            owner.Cancel(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
