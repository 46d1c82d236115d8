namespace Cluster.Runtime.Kernel;

/// <summary>Implemented by actors that use keyed timers; the runtime sets <see cref="Timers"/> before PreStart.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
