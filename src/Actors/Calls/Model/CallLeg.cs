using Cluster.Actors.Common;

namespace Cluster.Actors.Calls;

/// <summary>
/// One SIP dialog of the call, seen from this B2BUA. Legs of the ringing phase live in the ephemeral state; a leg
/// becomes durable (journaled) when it is confirmed and joins the bridge.
/// </summary>
/// <param name="LegId">Unique within the call; <c>a</c> for the caller's leg.</param>
/// <param name="Side">Which side of the bridge.</param>
/// <param name="Direction">Who sent the INVITE.</param>
/// <param name="Kind">Why the leg exists.</param>
/// <param name="TargetUri">The Request-URI of the INVITE we sent (outgoing) or received (incoming).</param>
/// <param name="User">The local user this leg reaches or comes from, if any.</param>
/// <param name="Flow">The edge node and flow that reaches the party; null when the edge routes by URI (RFC 3263).</param>
/// <param name="Dialog">The dialog identifiers and CSeq counters.</param>
/// <param name="Status">Where the dialog stands.</param>
/// <param name="InviteCSeq">CSeq of the dialog-creating INVITE (ACK and CANCEL reuse it, RFC 3261 §9.1, §13.2.2.4).</param>
/// <param name="LocalSdp">The last SDP we sent to the party (offer or answer).</param>
/// <param name="RemoteSdp">The last SDP the party sent us.</param>
/// <param name="AllowsUpdate">The party listed UPDATE in Allow (RFC 3311 §5.1), so we may refresh with UPDATE.</param>
/// <param name="Timer">The negotiated session timer, if any (RFC 4028).</param>
/// <param name="FinalStatus">The final response status of the INVITE, once known.</param>
/// <param name="CreatedAt">When the INVITE was sent or received.</param>
/// <param name="AnsweredAt">When the dialog was confirmed.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="InviteKey">For an incoming leg: the edge's key of the INVITE server transaction, used to answer it.</param>
public sealed record CallLeg(
    string LegId,
    LegSide Side,
    LegDirection Direction,
    LegKind Kind,
    string TargetUri,
    UserAddress? User,
    EdgeEndpoint? Flow,
    SipDialog Dialog,
    LegStatus Status,
    long InviteCSeq,
    string? LocalSdp,
    string? RemoteSdp,
    bool AllowsUpdate,
    SessionTimer? Timer,
    int? FinalStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt = null,
    DateTimeOffset? EndedAt = null,
    string? InviteKey = null)
{
    /// <summary>The id of the caller's leg in every call.</summary>
    public const string CallerLegId = "a";

    /// <summary>True while the dialog can carry requests (not cancelled, failed or ended).</summary>
    public bool IsActive => Status != LegStatus.Terminated;

    /// <summary>True when the dialog is confirmed and not over.</summary>
    public bool IsConfirmed => Status == LegStatus.Confirmed;

    /// <summary>True while an outgoing INVITE has no final response (a CANCEL can still be sent).</summary>
    public bool IsPending => Status is LegStatus.Trying or LegStatus.Proceeding or LegStatus.Ringing or LegStatus.EarlyMedia;

    /// <summary>The node whose edge holds the leg's flow, if known.</summary>
    public string? NodeId => Flow?.NodeId;
}
