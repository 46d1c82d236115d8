namespace Cluster.Runtime.Kernel;

/// <summary>
/// Overrides for one coordinated-shutdown phase: how long its tasks may take, and whether a timeout or failure
/// lets the shutdown go on (<see cref="Recover"/> = true, Akka's default) or aborts the remaining phases.
/// </summary>
public sealed record ShutdownPhaseSettings(TimeSpan? Timeout = null, bool Recover = true);
