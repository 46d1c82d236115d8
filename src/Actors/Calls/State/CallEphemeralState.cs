using System.Collections.Immutable;

namespace Cluster.Actors.Calls;

/// <summary>
/// The part of the call that is never journaled (design: "a ringing phase may be lost"): the pre-answer progress, the
/// forks and their ring group, push waits, which fork's early media is relayed, an id sequence, and replies to commands
/// that journaled nothing. A call recovered without it while still ringing is ended (<see cref="EndReason.Failover"/>).
/// </summary>
public sealed record CallEphemeralState
{
    public static CallEphemeralState Empty { get; } = new();

    /// <summary>Pre-answer phase (Proceeding, Ringing, EarlyMedia); null before the first fork.</summary>
    public CallPhase? Progress { get; init; }

    /// <summary>Outgoing legs not (yet) in the durable set, by leg id, including finished ones (to spot late 2xx).</summary>
    public ImmutableSortedDictionary<string, CallLeg> Forks { get; init; } = ImmutableSortedDictionary.Create<string, CallLeg>(StringComparer.Ordinal);

    /// <summary>The ring group in progress, if any; only one rings at a time.</summary>
    public RingGroup? Ringing { get; init; }

    /// <summary>The fork whose early media the caller gets; later forks' 183 SDP is not relayed.</summary>
    public string? EarlyMediaLegId { get; init; }

    /// <summary>Source of leg, group and lookup ids (ids also carry a random token, so ids stay unique across failovers).</summary>
    public int Sequence { get; init; }

    /// <summary>Replies to commands with an id whose outcome was not journaled.</summary>
    public CallRecentCommands Answers { get; init; } = CallRecentCommands.Empty;

    /// <summary>True when something of the ringing phase is held (so this is a live entity, not a fresh recovery).</summary>
    public bool HasRingingPhase => Ringing is not null || Progress is not null || !Forks.IsEmpty;
}
