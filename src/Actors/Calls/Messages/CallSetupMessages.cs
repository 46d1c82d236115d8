using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Calls;

/// <summary>
/// An INVITE outside any dialog arrived for <paramref name="Callee"/>: the call begins. The edge decides whether the
/// Request-URI names a local user (<see cref="CallParty.User"/> set: its targets are looked up) or not (one leg routed
/// by URI, e.g. to a partner or a gateway).
/// </summary>
public sealed record StartCall(CallParty Caller, CallParty Callee, IncomingInvite Invite) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// Click-to-dial from the web API (RFC 3725): ring <paramref name="User"/>'s own device first (one binding when
/// <paramref name="DeviceKey"/> is given, else all of them), and when it answers, call <paramref name="DestinationUri"/>.
/// </summary>
public sealed record StartClickToDial(UserAddress User, string DestinationUri, string? DeviceKey = null, string? DisplayName = null) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// The answer to <see cref="LookupTargets"/>: the user entity's <see cref="CallTargetsReply"/>, or null when the user
/// does not exist (404).
/// </summary>
public sealed record TargetsResolved(string LookupId, CallTargetsReply? Targets) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// A user being rung got a new binding (typically a push-woken app re-registering, RFC 8599 §5.4): fork to it if the call
/// is still ringing that user.
/// </summary>
public sealed record TargetRegistered(UserAddress User, BindingView Binding) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// An INVITE with a Replaces header (RFC 3891) that the edge routed here because its Call-ID names one of this call's
/// dialogs. It replaces the matching confirmed leg (attended transfer completed by the transferee or target).
/// </summary>
public sealed record ReceiveReplacingInvite(CallParty From, IncomingInvite Invite, ReplacesHeader Replaces) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>The Replaces header (RFC 3891 §6.1).</summary>
/// <param name="SipCallId">The Call-ID of the dialog to replace.</param>
/// <param name="ToTag">The to-tag: our local tag of that dialog.</param>
/// <param name="FromTag">The from-tag: the party's tag.</param>
/// <param name="EarlyOnly">The early-only flag.</param>
public sealed record ReplacesHeader(string SipCallId, string ToTag, string FromTag, bool EarlyOnly = false)
{
    /// <summary>The header value to send in an INVITE.</summary>
    public override string ToString() => $"{SipCallId};to-tag={ToTag};from-tag={FromTag}{(EarlyOnly ? ";early-only" : string.Empty)}";
}

/// <summary>Hang up from the phone-control API or the operator shell: BYE every confirmed leg, CANCEL the forks.</summary>
public sealed record HangUp(string? Reason = null) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>The keyed timer armed at <see cref="CallState.NextDeadline"/> fired: act on everything due.</summary>
public sealed record TimerDue : ICallCommand
{
    public static TimerDue Instance { get; } = new();

    public string? CommandId => null;
}
