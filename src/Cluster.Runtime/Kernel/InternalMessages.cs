namespace Cluster.Runtime.Kernel;

/// <summary>The scheduled tick behind <see cref="ReceiveTimeout"/>; stale generations are dropped.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

/// <summary>
/// A <see cref="Terminated"/> posted by the cell to itself for an actor it watched. Wrapped so that a Terminated
/// forwarded by another actor is an ordinary message, while this one is delivered only if still watched.
/// </summary>
internal sealed record WatchedTerminated(Terminated Terminated) : IAutoReceivedMessage;

/// <summary>
/// What a keyed timer actually sends to its actor. The actor checks key and generation on receipt, so a timer that
/// was cancelled or replaced after this was sent never delivers (Akka's TimerMsg).
/// </summary>
internal sealed record TimerMessage(object Key, int Generation, TimerScheduler Owner) : IAutoReceivedMessage;
