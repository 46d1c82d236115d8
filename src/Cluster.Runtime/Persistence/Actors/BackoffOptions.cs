using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>When a <see cref="BackoffSupervisor"/> starts its child again.</summary>
public enum BackoffMode
{
    /// <summary>
    /// When the child stops, for any reason: the mode for persistent actors, which stop themselves when the journal
    /// fails. Exceptions in the child are handled by the options' supervisor strategy (default: restart at once).
    /// </summary>
    OnStop,

    /// <summary>When the child fails with an exception; a child that stops itself stops the supervisor too.</summary>
    OnFailure,
}

/// <summary>
/// What a <see cref="BackoffSupervisor"/> supervises and how long it waits (Akka's <c>BackoffOptions</c>): the
/// n-th restart in a row waits <c>min(maxBackoff, minBackoff * 2^n) * (1 + random * randomFactor)</c>, so a
/// database outage does not turn into a restart storm of thousands of entities.
/// </summary>
public sealed record BackoffOptions
{
    private BackoffOptions(BackoffMode mode, Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentException.ThrowIfNullOrEmpty(childName);
        if (minBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, "must be positive");
        if (maxBackoff < minBackoff) throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, "must not be below minBackoff");
        if (randomFactor is < 0 or > 1 || double.IsNaN(randomFactor))
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "must be between 0 and 1");
        Mode = mode;
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        ResetBackoffAfter = minBackoff;
    }

    /// <summary>Restart <paramref name="childProps"/> with backoff whenever the child stops.</summary>
    public static BackoffOptions CreateOnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(BackoffMode.OnStop, childProps, childName, minBackoff, maxBackoff, randomFactor);

    /// <summary>Restart <paramref name="childProps"/> with backoff whenever the child fails with an exception.</summary>
    public static BackoffOptions CreateOnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(BackoffMode.OnFailure, childProps, childName, minBackoff, maxBackoff, randomFactor);

    public BackoffMode Mode { get; init; }

    public Props ChildProps { get; init; }

    public string ChildName { get; init; }

    public TimeSpan MinBackoff { get; init; }

    public TimeSpan MaxBackoff { get; init; }

    public double RandomFactor { get; init; }

    /// <summary>After the child has run this long the restart count goes back to 0; null = only on <see cref="BackoffSupervisor.Reset"/>.</summary>
    public TimeSpan? ResetBackoffAfter { get; init; }

    /// <summary>Restarts in a row before the supervisor gives up and stops; negative = never give up.</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    /// <summary>How child exceptions are handled in <see cref="BackoffMode.OnStop"/> mode (ignored for OnFailure).</summary>
    public SupervisorStrategy SupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    /// <summary>Resets the restart count once the child has run for <paramref name="resetBackoff"/> (default: minBackoff).</summary>
    public BackoffOptions WithAutoReset(TimeSpan resetBackoff) => resetBackoff > TimeSpan.Zero
        ? this with { ResetBackoffAfter = resetBackoff }
        : throw new ArgumentOutOfRangeException(nameof(resetBackoff), resetBackoff, "must be positive");

    /// <summary>The restart count is reset only by sending <see cref="BackoffSupervisor.Reset"/> to the supervisor.</summary>
    public BackoffOptions WithManualReset() => this with { ResetBackoffAfter = null };

    public BackoffOptions WithMaxNrOfRetries(int maxNrOfRetries) => this with { MaxNrOfRetries = maxNrOfRetries };

    public BackoffOptions WithSupervisorStrategy(SupervisorStrategy strategy) =>
        this with { SupervisorStrategy = strategy ?? throw new ArgumentNullException(nameof(strategy)) };

    /// <summary>Props of the supervisor.</summary>
    public Props Props() => BackoffSupervisor.Props(this);
}
