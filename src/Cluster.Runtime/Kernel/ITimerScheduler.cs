namespace Cluster.Runtime.Kernel;

/// <summary>
/// Keyed timers of one actor (Akka's ITimerScheduler). Starting a timer with a key replaces the previous timer
/// with that key; a cancelled or replaced timer never delivers, even if its tick is already in the mailbox. All
/// timers are cancelled when the actor stops or restarts. Use only from inside the actor.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
