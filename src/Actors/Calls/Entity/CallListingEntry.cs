namespace Cluster.Actors.Calls.Entity;

/// <summary>One call as <c>uc call list</c> shows it: a live call hosted on this node, or an ended call's record.</summary>
/// <param name="CallId">The call id.</param>
/// <param name="Phase">The phase now (Ended for records).</param>
/// <param name="Caller">Who called.</param>
/// <param name="Callee">Who was called.</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="AnsweredAt">When it was answered.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="EndReason">Why it ended (records only).</param>
public sealed record CallListingEntry(
    string CallId,
    CallPhase Phase,
    CallParty? Caller,
    CallParty? Callee,
    DateTimeOffset? StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    EndReason? EndReason)
{
    /// <summary>The entry of an ended call's record.</summary>
    public static CallListingEntry Of(CallRecord record) =>
        new(record.CallId, CallPhase.Ended, record.Caller, record.Callee, record.StartedAt, record.AnsweredAt, record.EndedAt, record.EndReason);
}
