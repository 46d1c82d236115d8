namespace Cluster.Actors.Calls;

/// <summary>
/// An offer/answer exchange began (<see cref="Negotiation"/>). When we sent a request, the answerer's local CSeq is now
/// <see cref="Negotiation.SentCSeq"/>; <paramref name="RemoteCSeq"/> is the CSeq of the offerer's request, if any.
/// </summary>
public sealed record NegotiationStarted(Negotiation Negotiation, long? RemoteCSeq, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.negotiation-started.v1";
}

/// <summary>The answerer said 491 (glare); we retry at <paramref name="RetryAt"/> (RFC 3261 §14.1).</summary>
public sealed record NegotiationGlared(DateTimeOffset RetryAt) : ICallEvent
{
    public const string Manifest = "call.negotiation-glared.v1";
}

/// <summary>The request of the pending exchange went out again with <paramref name="SentCSeq"/>.</summary>
public sealed record NegotiationRetried(long SentCSeq, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.negotiation-retried.v1";
}

/// <summary>The pending exchange failed with <paramref name="Status"/>; each side keeps its previous session.</summary>
public sealed record NegotiationFailed(int Status, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.negotiation-failed.v1";
}

/// <summary>
/// An offer/answer exchange completed: what each party sent and what we passed on (after <see cref="ISdpRewriter"/>).
/// Clears the pending negotiation.
/// </summary>
public sealed record SdpExchanged(string OffererLegId, string Offer, string OfferSent, string AnswererLegId, string Answer, string AnswerSent, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.sdp-exchanged.v1";
}

/// <summary>A side put the other on hold or resumed (RFC 3264 §8.4, derived from the SDP direction of its offer).</summary>
public sealed record HoldChanged(LegSide Side, bool Held, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.hold-changed.v1";
}

/// <summary>
/// A leg's session timer was negotiated or refreshed (null: no timer). <paramref name="RemoteCSeq"/> is the CSeq of the
/// party's refreshing request, if the refresh came from the party.
/// </summary>
public sealed record SessionTimerSet(string LegId, SessionTimer? Timer, long? RemoteCSeq, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.session-timer-set.v1";
}

/// <summary>We sent a session refresh (RFC 4028 §10) on a leg with <paramref name="CSeq"/>.</summary>
public sealed record SessionRefreshSent(string LegId, SipMethod Method, long CSeq, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.session-refresh-sent.v1";
}

/// <summary>A session refresh failed softly (491, 5xx); we try again at <paramref name="RetryAt"/>.</summary>
public sealed record SessionRefreshFailed(string LegId, int Status, DateTimeOffset RetryAt) : ICallEvent
{
    public const string Manifest = "call.session-refresh-failed.v1";
}
