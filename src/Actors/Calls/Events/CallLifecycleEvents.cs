namespace Cluster.Actors.Calls;

/// <summary>
/// The call exists: an INVITE was accepted (with the caller's leg) or click-to-dial was requested (no leg yet). The
/// ringing that follows is not journaled; a call recovered in this phase ends with <see cref="EndReason.Failover"/>.
/// </summary>
public sealed record CallStarted(string CallId, CallKind Kind, CallParty Caller, CallParty Callee, CallLeg? CallerLeg, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.started.v1";
}

/// <summary>A leg joined the bridge's durable set: a fork that answered, or an incoming INVITE with Replaces.</summary>
public sealed record LegAdded(CallLeg Leg, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.leg-added.v1";
}

/// <summary>
/// The call is answered by <paramref name="LegId"/> (first 2xx wins). <paramref name="CallerSdp"/> is the SDP our 2xx
/// carried to the caller's leg and <paramref name="CallerTimer"/> its negotiated session timer.
/// </summary>
public sealed record CallAnswered(string LegId, string? CallerSdp, SessionTimer? CallerTimer, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.answered.v1";
}

/// <summary>A leg ended without ending the call (the transferor hung up); <paramref name="ByeCSeq"/> when we sent the BYE.</summary>
public sealed record LegEnded(string LegId, long? ByeCSeq, long? RemoteCSeq, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.leg-ended.v1";
}

/// <summary>
/// <paramref name="NewLegId"/> took <paramref name="OldLegId"/>'s place on its side (transfer, RFC 3891 Replaces); the
/// old leg got a BYE with <paramref name="ByeCSeq"/> unless it was already gone.
/// </summary>
public sealed record LegReplaced(string OldLegId, string NewLegId, long? ByeCSeq, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.leg-replaced.v1";
}

/// <summary>
/// The call is over. <paramref name="ByeCSeqs"/> holds, per leg, the CSeq of the BYE we sent it; <paramref name="Status"/>
/// is the final status given to the caller when the call ended before an answer.
/// </summary>
public sealed record CallEnded(EndReason Reason, Disconnector DisconnectedBy, int? Status, IReadOnlyDictionary<string, long> ByeCSeqs, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.ended.v1";
}

/// <summary>The call record (CDR), tagged <see cref="CallManifests.RecordTag"/> for the call-list projection.</summary>
public sealed record CallRecorded(CallRecord Record) : ICallEvent
{
    public const string Manifest = "call.recorded.v1";
}

/// <summary>The reply to a command with an id, journaled with the command's events so a resend gets it again.</summary>
public sealed record CallCommandRecorded(string CommandId, ICallReply Reply) : ICallEvent
{
    public const string Manifest = "call.command-recorded.v1";
}
