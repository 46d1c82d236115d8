using System.Collections.Immutable;
using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Calls;

/// <summary>
/// The forks ringing one destination in parallel (RFC 3261 §16.7 parallel search, done by the B2BUA): devices, remote
/// office, woken push devices. The first 2xx wins and the others are cancelled. Ephemeral: a failover while ringing
/// ends the call (the caller retries), by design.
/// </summary>
/// <param name="GroupId">Unique within the call.</param>
/// <param name="Purpose">What an answer or failure leads to.</param>
/// <param name="Side">The side the winner joins.</param>
/// <param name="Offer">SDP offered to every fork; null for offerless INVITEs (RFC 3725, transfer, delayed offer).</param>
/// <param name="DestinationUri">The URI being called (user AOR, forwarding target, Refer-To).</param>
/// <param name="User">The local user being rung, when the destination is one.</param>
/// <param name="LookupId">The target lookup still outstanding, if any.</param>
/// <param name="LegIds">The forks started so far.</param>
/// <param name="PushWaits">Push devices woken and not yet registered.</param>
/// <param name="Rules">The user's forwarding rules, applied on busy, no answer and unreachable.</param>
/// <param name="NoAnswerAt">When the group gives up (or forwards on no answer).</param>
/// <param name="NoAnswerRule">The no-answer forwarding rule in force, if any.</param>
/// <param name="Failures">Final statuses of forks that failed.</param>
/// <param name="Hops">Forwarding hops taken to get here (bounded by settings).</param>
/// <param name="Visited">Users already rung in this chain (forwarding loop guard).</param>
/// <param name="Replaces">Replaces header to put into the INVITE (attended transfer).</param>
/// <param name="ReferredBy">Referred-By to put into the INVITE (transfer).</param>
/// <param name="DivertedFrom">The URI that forwarded here, for History-Info/Diversion (RFC 7044).</param>
/// <param name="DiversionReason">Why it was forwarded.</param>
public sealed record RingGroup(
    string GroupId,
    RingPurpose Purpose,
    LegSide Side,
    string? Offer,
    string DestinationUri,
    UserAddress? User,
    string? LookupId,
    ImmutableList<string> LegIds,
    ImmutableList<PushWait> PushWaits,
    ImmutableList<ForwardingRule> Rules,
    DateTimeOffset? NoAnswerAt,
    ForwardingRule? NoAnswerRule,
    ImmutableList<int> Failures,
    int Hops,
    ImmutableList<string> Visited,
    string? Replaces = null,
    string? ReferredBy = null,
    string? DivertedFrom = null,
    ForwardingKind? DiversionReason = null)
{
    /// <summary>The forwarding rule of a kind, if the user has it.</summary>
    public ForwardingRule? Rule(ForwardingKind kind) => Rules.FirstOrDefault(r => r.Kind == kind);
}
