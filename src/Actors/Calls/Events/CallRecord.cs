using Cluster.Actors.Common;

namespace Cluster.Actors.Calls;

/// <summary>
/// The call detail record written when a call ends: everything <c>uc call list</c> and <c>uc call show</c> print.
/// Legs of the ringing phase are included when the entity saw them (they are lost with a failover while ringing).
/// </summary>
/// <param name="CallId">The call id.</param>
/// <param name="Kind">SIP call or click-to-dial.</param>
/// <param name="Caller">Who called (the click-to-dial user for click-to-dial).</param>
/// <param name="Callee">Who was called.</param>
/// <param name="AnsweredBy">The party whose device answered, if any.</param>
/// <param name="StartedAt">When the call began.</param>
/// <param name="AnsweredAt">When it was answered.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="RingSeconds">Start to answer (or to end when unanswered), whole seconds.</param>
/// <param name="TalkSeconds">Answer to end, whole seconds; 0 when unanswered.</param>
/// <param name="EndReason">Why it ended.</param>
/// <param name="FinalStatus">The caller's final status when it ended before an answer.</param>
/// <param name="DisconnectedBy">Which side (or the system) ended it.</param>
/// <param name="Nodes">Distinct edge nodes that held the legs' flows.</param>
/// <param name="Legs">Every leg the call had, in creation order.</param>
/// <param name="Transfers">Successful transfers.</param>
public sealed record CallRecord(
    string CallId,
    CallKind Kind,
    CallParty Caller,
    CallParty Callee,
    CallParty? AnsweredBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndedAt,
    long RingSeconds,
    long TalkSeconds,
    EndReason EndReason,
    int? FinalStatus,
    Disconnector DisconnectedBy,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<LegRecord> Legs,
    int Transfers);

/// <summary>One leg in the call record.</summary>
public sealed record LegRecord(
    string LegId,
    LegSide Side,
    LegDirection Direction,
    LegKind Kind,
    string TargetUri,
    UserAddress? User,
    string? NodeId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? FinalStatus);
