using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Calls;

/// <summary>
/// Something the call entity must do after its events are persisted: SIP requests and responses for the SIP edge on the
/// node that holds the leg's flow (<see cref="CallLeg.Flow"/>; null flow = route by URI from any node), lookups for the
/// user entities and wake-ups for the push edge. Each SIP effect carries the leg as it stands after the decision, so
/// the edge has the dialog's tags, route set, remote target and CSeq without asking.
/// </summary>
public interface ICallEffect;

/// <summary>Send a dialog-creating INVITE on a new outgoing leg; B-leg Call-IDs come from <see cref="CallLegIds"/>.</summary>
public sealed record SendInvite(
    string CallId,
    CallLeg Leg,
    string? Sdp,
    SessionExpires? SessionExpires,
    int? MinSe,
    string? Replaces = null,
    string? ReferredBy = null,
    string? DivertedFrom = null,
    ForwardingKind? DiversionReason = null,
    IReadOnlyList<string>? Path = null) : ICallEffect;

/// <summary>CANCEL a pending INVITE (RFC 3261 §9.1; the edge waits for a provisional response before sending it).</summary>
public sealed record SendCancel(string CallId, CallLeg Leg) : ICallEffect;

/// <summary>ACK a 2xx (RFC 3261 §13.2.2.4), optionally with the answer to an offer the 2xx carried.</summary>
public sealed record SendAck(string CallId, CallLeg Leg, long CSeq, string? Sdp = null) : ICallEffect;

/// <summary>End a dialog (RFC 3261 §15.1.1).</summary>
public sealed record SendBye(string CallId, CallLeg Leg, long CSeq) : ICallEffect;

/// <summary>A re-INVITE (RFC 3261 §14.1): relayed offer, offerless bridge request or session refresh.</summary>
public sealed record SendReinvite(string CallId, CallLeg Leg, long CSeq, string? Sdp, SessionExpires? SessionExpires) : ICallEffect;

/// <summary>An UPDATE (RFC 3311): relayed offer or session refresh without SDP (RFC 4028 §10).</summary>
public sealed record SendUpdate(string CallId, CallLeg Leg, long CSeq, string? Sdp, SessionExpires? SessionExpires) : ICallEffect;

/// <summary>
/// A NOTIFY for the REFER's implicit subscription (RFC 3515 §2.4.4): Event: refer, a message/sipfrag body such as
/// "SIP/2.0 100 Trying", and Subscription-State active or terminated;reason=noresource.
/// </summary>
public sealed record SendNotify(string CallId, CallLeg Leg, long CSeq, string SipFrag, bool Terminated) : ICallEffect;

/// <summary>Answer a request the edge reported (<paramref name="TransactionKey"/> names its server transaction).</summary>
public sealed record SendResponse(string CallId, string LegId, string TransactionKey, SipResponse Response) : ICallEffect;

/// <summary>Ask <paramref name="User"/>'s entity for <see cref="GetCallTargets"/>; the answer comes back as <see cref="TargetsResolved"/>.</summary>
public sealed record LookupTargets(string CallId, string LookupId, UserAddress User) : ICallEffect;

/// <summary>
/// Wake a sleeping app through its push provider (RFC 8599 §5.4); its REGISTER comes back as
/// <see cref="TargetRegistered"/>. The call waits until <paramref name="WaitUntil"/>.
/// </summary>
public sealed record WakePushDevice(string CallId, UserAddress User, string Provider, string Prid, string? Param, DateTimeOffset WaitUntil) : ICallEffect;

/// <summary>Tell a local user's entity about this call (<see cref="ReportCallActive"/> / <see cref="ReportCallEnded"/>).</summary>
public sealed record InformUser(UserAddress User, IUserCommand Command) : ICallEffect;
