using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>Answer to <see cref="BackoffSupervisor.GetCurrentChild"/>: the running child, or null while it is down.</summary>
public sealed record CurrentChild(IActorRef? Ref);

/// <summary>Answer to <see cref="BackoffSupervisor.GetRestartCount"/>: restarts since the last reset.</summary>
public sealed record RestartCount(int Count);
