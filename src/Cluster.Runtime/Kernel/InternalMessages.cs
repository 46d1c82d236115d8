namespace Cluster.Runtime.Kernel;

/// <summary>The scheduled tick behind <see cref="ReceiveTimeout"/>; stale generations are dropped.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

/// <summary>
/// What a keyed timer actually sends to its actor. The actor checks key and generation on receipt, so a timer that
/// was cancelled or replaced after this was sent never delivers (Akka's TimerMsg).
/// </summary>
internal sealed record TimerMessage(object Key, int Generation, TimerScheduler Owner) : IAutoReceivedMessage;
