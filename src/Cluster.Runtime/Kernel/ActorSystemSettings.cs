using Serilog;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// Kernel settings with production defaults; the keys under <c>uc.actor.*</c> and <c>uc.coordinated-shutdown.*</c>
/// in <c>Kernel/reference.conf</c> document the matching configuration. A plain record so that tests and the
/// node's wiring can use <c>with</c> expressions.
/// </summary>
public sealed partial record ActorSystemSettings
{
    private readonly ILogger? logger;

    public static ActorSystemSettings Default { get; } = new();

    /// <summary>User messages an actor processes per mailbox run before yielding the thread (uc.actor.throughput).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Timeout of an Ask that names none (uc.actor.ask-timeout).</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Dead letters logged one by one before summarising (uc.actor.log-dead-letters; 0 = off).</summary>
    public int DeadLetterLogCount { get; init; } = 10;

    /// <summary>Interval of the summary line once dead letters are suppressed (uc.actor.log-dead-letters-suppression-interval).</summary>
    public TimeSpan DeadLetterLogSuppressionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether dead letters are logged once the system is shutting down (uc.actor.log-dead-letters-during-shutdown).</summary>
    public bool LogDeadLettersDuringShutdown { get; init; }

    /// <summary>How the /user guardian supervises top-level actors (uc.actor.guardian-supervisor-strategy).</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    /// <summary>Logger of the system and base of every actor's <c>Log</c>; defaults to <see cref="Serilog.Log.Logger"/> at use time.</summary>
    public ILogger Logger
    {
        get => logger ?? Serilog.Log.Logger;
        init => logger = value ?? throw new ArgumentNullException(nameof(Logger));
    }

    /// <summary>Clock of the scheduler, timers, ask timeouts and restart windows; tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Timeout of a shutdown phase without an override (uc.coordinated-shutdown.default-phase-timeout).</summary>
    public TimeSpan ShutdownDefaultPhaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-phase overrides (uc.coordinated-shutdown.phases.NAME.timeout / .recover).</summary>
    public IReadOnlyDictionary<string, ShutdownPhaseSettings> ShutdownPhases { get; init; } =
        new Dictionary<string, ShutdownPhaseSettings>
        {
            [CoordinatedShutdown.PhaseClusterShardingShutdownRegion] = new(TimeSpan.FromSeconds(10)),
            [CoordinatedShutdown.PhaseClusterExiting] = new(TimeSpan.FromSeconds(10)),
            [CoordinatedShutdown.PhaseActorSystemTerminate] = new(TimeSpan.FromSeconds(10)),
        };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (Throughput < 1) throw new ArgumentException($"Throughput must be at least 1 (was {Throughput}).", nameof(Throughput));
        if (AskTimeout <= TimeSpan.Zero && AskTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"AskTimeout must be positive or infinite (was {AskTimeout}).", nameof(AskTimeout));
        if (DeadLetterLogCount < 0) throw new ArgumentException($"DeadLetterLogCount must not be negative (was {DeadLetterLogCount}).", nameof(DeadLetterLogCount));
        if (DeadLetterLogSuppressionInterval <= TimeSpan.Zero)
            throw new ArgumentException($"DeadLetterLogSuppressionInterval must be positive (was {DeadLetterLogSuppressionInterval}).", nameof(DeadLetterLogSuppressionInterval));
        if (ShutdownDefaultPhaseTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"ShutdownDefaultPhaseTimeout must be positive (was {ShutdownDefaultPhaseTimeout}).", nameof(ShutdownDefaultPhaseTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(GuardianSupervisorStrategy);
        foreach (var (phase, s) in ShutdownPhases)
        {
            if (!CoordinatedShutdown.DefaultPhases.Contains(phase))
                throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'; known: {string.Join(", ", CoordinatedShutdown.DefaultPhases)}.", nameof(ShutdownPhases));
            if (s.Timeout is { } t && t <= TimeSpan.Zero)
                throw new ArgumentException($"Timeout of shutdown phase '{phase}' must be positive (was {t}).", nameof(ShutdownPhases));
        }
    }
}
