using System.Collections.Immutable;

namespace Cluster.Actors.Calls;

/// <summary>
/// The persisted snapshot of the durable call state (manifest <see cref="Manifest"/>), as plain lists so the stored
/// format does not depend on how <see cref="CallState"/> indexes things. No ephemeral part: recovering from a snapshot
/// gives exactly what replaying the journal gives.
/// </summary>
public sealed record CallSnapshot(
    string CallId,
    bool Started,
    CallKind Kind,
    CallParty? Caller,
    CallParty? Callee,
    DateTimeOffset? StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallPhase Stage,
    bool HeldByA,
    bool HeldByB,
    IReadOnlyList<CallLeg> Legs,
    Negotiation? Negotiation,
    TransferState? Transfer,
    int Transfers,
    EndReason? EndReason,
    int? EndStatus,
    Disconnector? DisconnectedBy,
    CallRecord? Record,
    MediaAnchor? Media,
    IReadOnlyList<RecordedCallCommand> Commands)
{
    public const string Manifest = "call.snapshot.v1";

    /// <summary>Captures the durable part of <paramref name="state"/>.</summary>
    public static CallSnapshot From(CallState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new CallSnapshot(state.CallId, state.Started, state.Kind, state.Caller, state.Callee, state.StartedAt, state.AnsweredAt,
            state.EndedAt, state.Stage, state.HeldByA, state.HeldByB, [.. state.Legs.Values], state.Negotiation, state.Transfer,
            state.Transfers, state.EndReason, state.EndStatus, state.DisconnectedBy, state.Record, state.Media, [.. state.Commands.Entries]);
    }

    /// <summary>Rebuilds the state (with an empty ephemeral part); later events are applied on top.</summary>
    public CallState ToState() => CallState.Initial(CallId) with
    {
        Started = Started,
        Kind = Kind,
        Caller = Caller,
        Callee = Callee,
        StartedAt = StartedAt,
        AnsweredAt = AnsweredAt,
        EndedAt = EndedAt,
        Stage = Stage,
        HeldByA = HeldByA,
        HeldByB = HeldByB,
        Legs = (Legs ?? []).ToDictionary(l => l.LegId, l => l, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(StringComparer.Ordinal),
        Negotiation = Negotiation,
        Transfer = Transfer,
        Transfers = Transfers,
        EndReason = EndReason,
        EndStatus = EndStatus,
        DisconnectedBy = DisconnectedBy,
        Record = Record,
        Media = Media,
        Commands = new CallRecentCommands { Entries = [.. Commands ?? []] },
    };
}
