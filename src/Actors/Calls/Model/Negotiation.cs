namespace Cluster.Actors.Calls;

/// <summary>
/// The one offer/answer exchange in flight across the bridge. At most one exists at a time: a party that offers while
/// one is pending gets 491 (we have a re-INVITE out to it, RFC 3261 §14.2) or 500 with Retry-After (its own earlier
/// re-INVITE is unanswered). Journaled, because it changes CSeq counters and SDP of confirmed dialogs.
/// </summary>
/// <param name="Kind">The shape of the exchange.</param>
/// <param name="OffererLegId">The leg whose party made the offer (for <see cref="NegotiationKind.Reoffer"/>: the leg we offered to).</param>
/// <param name="AnswererLegId">The leg we sent the offer to and wait on; for a reoffer the same as the offerer.</param>
/// <param name="Method">The request we sent to the answerer (INVITE or UPDATE); for a reoffer the party's re-INVITE.</param>
/// <param name="Offer">The offer SDP; null while it is still to come (delayed offer).</param>
/// <param name="RequestKey">The party's server transaction to answer with the answer SDP; null when the answer goes in an ACK.</param>
/// <param name="AckCSeq">When the answer goes to the offerer in an ACK: the CSeq of the INVITE being acknowledged.</param>
/// <param name="SentCSeq">CSeq of our request to the answerer; 0 when we sent none (reoffer, delayed offer).</param>
/// <param name="Then">What the exchange completes.</param>
/// <param name="RetryAt">After a 491 from the answerer: when we send the request again (RFC 3261 §14.1).</param>
/// <param name="Attempts">How many times the request went out.</param>
/// <param name="TransferId">The transfer this exchange completes, if any.</param>
/// <param name="ReplacedLegId">The leg that is released when a <see cref="BridgeCompletion.Replace"/> or transfer completes.</param>
public sealed record Negotiation(
    NegotiationKind Kind,
    string OffererLegId,
    string AnswererLegId,
    SipMethod Method,
    string? Offer,
    string? RequestKey,
    long? AckCSeq,
    long SentCSeq,
    BridgeCompletion Then,
    DateTimeOffset? RetryAt = null,
    int Attempts = 1,
    string? TransferId = null,
    string? ReplacedLegId = null);
