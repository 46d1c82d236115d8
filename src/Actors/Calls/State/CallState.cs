using System.Collections.Immutable;

namespace Cluster.Actors.Calls;

/// <summary>
/// The immutable state of one call. The durable part is a pure function of the journal (fold of <see cref="Apply"/>
/// from <see cref="Initial"/> or from a <see cref="CallSnapshot"/>); <see cref="Ephemeral"/> holds the ringing phase.
/// Time never enters <see cref="Apply"/>: events carry their instants.
/// </summary>
public sealed partial record CallState
{
    public required string CallId { get; init; }

    /// <summary>False until <see cref="CallStarted"/>.</summary>
    public bool Started { get; init; }

    public CallKind Kind { get; init; }

    public CallParty? Caller { get; init; }

    public CallParty? Callee { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The journaled phase: Initiated, Answered, Held, Transferring or Ended (see <see cref="Phase"/>).</summary>
    public CallPhase Stage { get; init; } = CallPhase.Initiated;

    /// <summary>The A side holds the B side (its last offer was sendonly/inactive).</summary>
    public bool HeldByA { get; init; }

    /// <summary>The B side holds the A side.</summary>
    public bool HeldByB { get; init; }

    /// <summary>Legs in the bridge (the caller's and every leg that was confirmed or is replacing one), by leg id.</summary>
    public ImmutableSortedDictionary<string, CallLeg> Legs { get; init; } = ImmutableSortedDictionary.Create<string, CallLeg>(StringComparer.Ordinal);

    /// <summary>The offer/answer exchange in flight across the bridge, if any.</summary>
    public Negotiation? Negotiation { get; init; }

    /// <summary>The transfer in progress, if any.</summary>
    public TransferState? Transfer { get; init; }

    /// <summary>Successful transfers so far.</summary>
    public int Transfers { get; init; }

    public EndReason? EndReason { get; init; }

    public int? EndStatus { get; init; }

    public Disconnector? DisconnectedBy { get; init; }

    /// <summary>The call record, once ended.</summary>
    public CallRecord? Record { get; init; }

    /// <summary>Reserved for media anchoring (RTP slots); always null until that is built. See <see cref="ISdpRewriter"/>.</summary>
    public MediaAnchor? Media { get; init; }

    /// <summary>Journaled replies to commands with an id.</summary>
    public CallRecentCommands Commands { get; init; } = CallRecentCommands.Empty;

    public CallEphemeralState Ephemeral { get; init; } = CallEphemeralState.Empty;

    /// <summary>The phase: the journaled stage, refined by the ephemeral progress while not yet answered.</summary>
    public CallPhase Phase => Stage == CallPhase.Initiated && Ephemeral.Progress is { } progress ? progress : Stage;

    public bool AnySideHeld => HeldByA || HeldByB;

    public bool IsEnded => Stage == CallPhase.Ended;

    /// <summary>True once answered (Answered, Held, Transferring).</summary>
    public bool IsAnswered => Stage is CallPhase.Answered or CallPhase.Held or CallPhase.Transferring;

    /// <summary>The state of a call entity before its first event.</summary>
    public static CallState Initial(string callId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        return new CallState { CallId = callId };
    }

    /// <summary>Replays events from the initial state (recovery without a snapshot).</summary>
    public static CallState Replay(string callId, IEnumerable<ICallEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = Initial(callId);
        foreach (var e in events)
        {
            state = state.Apply(e);
        }

        return state;
    }

    /// <summary>The same state without its ephemeral part: what a recovery from the journal yields.</summary>
    public CallState WithoutEphemeral() => this with { Ephemeral = CallEphemeralState.Empty };

    /// <summary>A leg by id, durable or fork; null when unknown.</summary>
    public CallLeg? FindLeg(string legId) =>
        Legs.TryGetValue(legId, out var leg) ? leg : Ephemeral.Forks.TryGetValue(legId, out var fork) ? fork : null;

    /// <summary>The confirmed durable leg on <paramref name="side"/>, if any (at most one at a time).</summary>
    public CallLeg? ConnectedLeg(LegSide side) => Legs.Values.FirstOrDefault(l => l.Side == side && l.IsConfirmed);

    /// <summary>The confirmed leg on the other side of <paramref name="leg"/>.</summary>
    public CallLeg? PeerOf(CallLeg leg) => ConnectedLeg(leg.Side == LegSide.A ? LegSide.B : LegSide.A);

    /// <summary>The caller's leg of a SIP call.</summary>
    public CallLeg? CallerLeg => Legs.TryGetValue(CallLeg.CallerLegId, out var leg) ? leg : null;

    /// <summary>A leg whose dialog matches a Replaces header (RFC 3891 §3).</summary>
    public CallLeg? MatchReplaces(ReplacesHeader replaces) =>
        Legs.Values.FirstOrDefault(l => l.Dialog.Matches(replaces.SipCallId, replaces.ToTag, replaces.FromTag));

    /// <summary>
    /// True for a state recovered from the journal in a phase whose ephemeral part was lost (ringing, or a transfer's
    /// forks); <see cref="CallDecider"/> cleans it up on the first <see cref="TimerDue"/>.
    /// </summary>
    public bool IsOrphaned =>
        Started && !IsEnded && !Ephemeral.HasRingingPhase && Negotiation is null
        && (Stage == CallPhase.Initiated || (Stage == CallPhase.Transferring && Transfer is not null));
}
