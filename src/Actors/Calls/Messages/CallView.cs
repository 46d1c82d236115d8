namespace Cluster.Actors.Calls;

/// <summary>What <c>uc call show</c> prints about a live or ended call (answer to <see cref="CallDecider.Describe"/>).</summary>
public sealed record CallView(
    string CallId,
    bool Exists,
    CallPhase Phase,
    CallKind Kind,
    CallParty? Caller,
    CallParty? Callee,
    DateTimeOffset? StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    bool HeldByA,
    bool HeldByB,
    IReadOnlyList<CallLeg> Legs,
    TransferState? Transfer,
    CallRecord? Record,
    DateTimeOffset? NextDeadline) : ICallReply;
