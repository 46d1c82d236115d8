namespace Cluster.Runtime.Kernel;

/// <summary>One scheduled action of <see cref="Scheduler"/>, backed by a <see cref="ITimer"/>.</summary>
internal sealed class ScheduledItem(Scheduler owner, Action action, bool repeat) : ICancelable
{
    private ITimer? timer;
    private int cancelled;

    public bool IsCancellationRequested => Volatile.Read(ref cancelled) != 0;

    public void Start(TimeProvider time, TimeSpan due, TimeSpan period)
    {
        var t = time.CreateTimer(static s => ((ScheduledItem)s!).Fire(), this, due, period);
        Volatile.Write(ref timer, t);
        if (IsCancellationRequested) t.Dispose();
    }

    private void Fire()
    {
        if (IsCancellationRequested) return;
        if (!repeat) Cancel();
        try
        {
            action();
        }
        catch (Exception)
        {
            // A scheduled Tell does not throw; a user action that throws must not kill the timer thread.
        }
    }

    public void Cancel()
    {
        if (Interlocked.Exchange(ref cancelled, 1) != 0) return;
        Volatile.Read(ref timer)?.Dispose();
        owner.Forget(this);
    }
}
