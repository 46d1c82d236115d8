namespace Cluster.Runtime.Kernel;

/// <summary>
/// Receive timeout: re-armed after every message that does not implement <see cref="INotInfluenceReceiveTimeout"/>;
/// each arming has a generation so that a tick from an earlier arming never reaches the actor.
/// </summary>
internal sealed partial class ActorCell
{
    public TimeSpan? ReceiveTimeout => extras?.ReceiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be positive; pass null to turn it off.");
        if (timeout is null)
        {
            if (extras is null) return;
            extras.ReceiveTimeout = null;
            CancelReceiveTimeout();
            return;
        }
        Extras.ReceiveTimeout = timeout;
        RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        var ex = extras;
        if (ex?.ReceiveTimeout is not { } timeout || IsTerminatingOrTerminated) return;
        ex.ReceiveTimeoutTask?.Cancel();
        var generation = ++ex.ReceiveTimeoutGeneration;
        ex.ReceiveTimeoutTask = system.Scheduler.ScheduleTellOnce(timeout, self, new ReceiveTimeoutTick(generation), null);
    }

    private void CancelReceiveTimeout()
    {
        var ex = extras;
        if (ex is null) return;
        ex.ReceiveTimeoutGeneration++;
        ex.ReceiveTimeoutTask?.Cancel();
        ex.ReceiveTimeoutTask = null;
    }

    private bool IsCurrentReceiveTimeout(ReceiveTimeoutTick tick) =>
        extras is { ReceiveTimeout: not null } ex && ex.ReceiveTimeoutGeneration == tick.Generation;
}

