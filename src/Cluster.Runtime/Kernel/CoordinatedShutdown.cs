namespace Cluster.Runtime.Kernel;

/// <summary>
/// Ordered, named shutdown phases (Akka's CoordinatedShutdown): subsystems add tasks to the phase they belong to
/// (stop accepting connections in service-unbind, hand shards off in cluster-sharding-shutdown-region, leave the
/// cluster in cluster-leave, ...). <see cref="Run"/> runs the phases in order; the tasks of one phase run
/// concurrently and the next phase starts when they all finished or the phase timed out. Run is idempotent: every
/// call returns the same task. The last phase terminates the actor system, and <c>ActorSystem.Terminate()</c>
/// goes through here.
/// </summary>
public sealed class CoordinatedShutdown : IExtension
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";
    public const string PhaseClusterLeave = "cluster-leave";
    public const string PhaseClusterExiting = "cluster-exiting";
    public const string PhaseClusterExitingDone = "cluster-exiting-done";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    /// <summary>The phases in the order they run.</summary>
    public static IReadOnlyList<string> DefaultPhases { get; } =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
        PhaseBeforeClusterShutdown, PhaseClusterShardingShutdownRegion, PhaseClusterLeave, PhaseClusterExiting,
        PhaseClusterExitingDone, PhaseClusterShutdown, PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    private readonly ActorSystem system;
    private readonly object gate = new();
    private readonly Dictionary<string, List<(string Name, Func<Task> Task)>> tasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> startedPhases = new(StringComparer.Ordinal);
    private Task? running;

    internal CoordinatedShutdown(ActorSystem system)
    {
        this.system = system;
        foreach (var phase in DefaultPhases) tasks[phase] = [];
    }

    public static CoordinatedShutdown Get(ActorSystem system) => system.CoordinatedShutdown;

    public IReadOnlyList<string> OrderedPhases => DefaultPhases;

    /// <summary>Why the shutdown runs; null until <see cref="Run"/> was called.</summary>
    public ShutdownReason? Reason { get; private set; }

    /// <summary>
    /// Adds a task to <paramref name="phase"/>. A task that throws or times out is logged; the shutdown goes on
    /// unless the phase has <c>recover = off</c>. Adding to a phase that already started is an error.
    /// </summary>
    public void AddTask(string phase, string taskName, Func<Task> task)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(task);
        lock (gate)
        {
            if (!tasks.TryGetValue(phase ?? throw new ArgumentNullException(nameof(phase)), out var list))
                throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'; known: {string.Join(", ", DefaultPhases)}.", nameof(phase));
            if (startedPhases.Contains(phase))
                throw new InvalidOperationException($"Cannot add task '{taskName}' to shutdown phase '{phase}': the phase already ran.");
            list.Add((taskName, task));
        }
    }

    public TimeSpan Timeout(string phase)
    {
        if (!tasks.ContainsKey(phase)) throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'.", nameof(phase));
        return system.Settings.ShutdownPhases.TryGetValue(phase, out var s) && s.Timeout is { } t ? t : system.Settings.ShutdownDefaultPhaseTimeout;
    }

    /// <summary>Sum of all phase timeouts: the longest a shutdown can take.</summary>
    public TimeSpan TotalTimeout => DefaultPhases.Aggregate(TimeSpan.Zero, (sum, p) => sum + Timeout(p));

    /// <summary>Runs all phases once; later calls return the task of the first.</summary>
    public Task Run(ShutdownReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (gate)
        {
            if (running is not null) return running;
            Reason = reason;
            system.MarkTerminating();
            running = Task.Run(() => RunPhasesAsync(reason));
            return running;
        }
    }

    private async Task RunPhasesAsync(ShutdownReason reason)
    {
        var log = system.Log;
        log.Information("Coordinated shutdown of {ActorSystem} started, reason {Reason}", system.Name, reason.Name);
        foreach (var phase in DefaultPhases)
        {
            List<(string Name, Func<Task> Task)> phaseTasks;
            lock (gate)
            {
                startedPhases.Add(phase);
                phaseTasks = [.. tasks[phase]];
            }
            if (phaseTasks.Count == 0) continue;
            var recover = !system.Settings.ShutdownPhases.TryGetValue(phase, out var ps) || ps.Recover;
            var timeout = Timeout(phase);
            var started = phaseTasks.Select(t => (t.Name, Task: Start(t.Task))).ToArray();
            var all = Task.WhenAll(started.Select(t => t.Task));
            try
            {
                await all.WaitAsync(timeout, system.Settings.TimeProvider).ConfigureAwait(false);
                log.Debug("Shutdown phase {Phase} done", phase);
            }
            catch (TimeoutException)
            {
                var pendingNames = string.Join(", ", started.Where(t => !t.Task.IsCompleted).Select(t => t.Name));
                log.Warning("Shutdown phase {Phase} timed out after {Timeout}; unfinished tasks: {Tasks}", phase, timeout, pendingNames);
                if (!recover) throw new TimeoutException($"Coordinated shutdown phase '{phase}' timed out after {timeout} (tasks: {pendingNames}); recover is off.");
            }
            catch (Exception)
            {
                foreach (var (name, task) in started.Where(t => t.Task.IsFaulted))
                    log.Warning(task.Exception!.GetBaseException(), "Shutdown task {Task} of phase {Phase} failed", name, phase);
                if (!recover) throw new InvalidOperationException($"Coordinated shutdown phase '{phase}' failed; recover is off.", all.Exception?.GetBaseException());
            }
        }
        log.Information("Coordinated shutdown of {ActorSystem} finished", system.Name);
    }

    private static Task Start(Func<Task> task)
    {
        try
        {
            return task() ?? Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }
}
