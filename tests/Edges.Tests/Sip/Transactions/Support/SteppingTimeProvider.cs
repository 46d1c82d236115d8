namespace Cluster.Edges.Tests.Sip.Transactions.Support;

/// <summary>
/// A manual clock for timer schedules: <see cref="Advance"/> moves time to each due timer in order and fires it at
/// its own due time, so a timer re-armed from a callback is scheduled from the moment it fired (as on a real clock),
/// and a retransmission schedule can be read off exactly.
/// </summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<Timer> timers = [];
    private readonly DateTimeOffset start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private DateTimeOffset now;
    private long sequence;

    public SteppingTimeProvider() => now = start;

    /// <summary>Time since the provider was created.</summary>
    public TimeSpan Elapsed
    {
        get { lock (gate) return now - start; }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Advances to <c>Elapsed + by</c>, firing due timers one by one at their due times.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate) target = now + by;
        while (true)
        {
            Timer? next;
            lock (gate)
            {
                next = timers.Where(t => t.Due <= target).OrderBy(t => t.Due).ThenBy(t => t.Sequence).FirstOrDefault();
                if (next is null)
                {
                    now = target;
                    return;
                }
                now = next.Due;
                timers.Remove(next);
                if (next.Period is { } p) Add(next, now + p);
            }
            next.Fire();
        }
    }

    /// <summary>Advances to an absolute offset from the start.</summary>
    public void AdvanceTo(TimeSpan elapsed) => Advance(elapsed - Elapsed);

    private void Add(Timer timer, DateTimeOffset due)
    {
        timer.Due = due;
        timer.Sequence = ++sequence;
        timers.Add(timer);
    }

    private void Schedule(Timer timer, TimeSpan? due)
    {
        lock (gate)
        {
            timers.Remove(timer);
            if (due is { } d) Add(timer, now + d);
        }
    }

    private sealed class Timer(SteppingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public long Sequence { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            owner.Schedule(this, dueTime == Timeout.InfiniteTimeSpan ? null : dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Schedule(this, null);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
