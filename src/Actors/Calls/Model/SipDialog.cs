namespace Cluster.Actors.Calls;

/// <summary>
/// One side's dialog state as RFC 3261 §12 defines it, seen from this B2BUA, so the edge can build in-dialog requests
/// (Request-URI = remote target, Route = route set, From/To with these tags, CSeq) on whichever node holds the flow.
/// </summary>
/// <param name="SipCallId">The dialog's Call-ID (the caller's for the A-leg, ours for outgoing legs).</param>
/// <param name="LocalTag">Our tag (To-tag of an incoming dialog, From-tag of an outgoing one).</param>
/// <param name="RemoteTag">The party's tag; null until the first response with a To-tag.</param>
/// <param name="LocalUri">Our URI in From (outgoing) or To (incoming).</param>
/// <param name="RemoteUri">The party's URI.</param>
/// <param name="RemoteTarget">The party's Contact URI (the Request-URI of in-dialog requests, RFC 3261 §12.2.1.1).</param>
/// <param name="RouteSet">Route set in the order to put into Route headers (RFC 3261 §12.1.1 / §12.1.2).</param>
/// <param name="LocalCSeq">CSeq number of the last request we sent in this dialog (RFC 3261 §12.2.1.1).</param>
/// <param name="RemoteCSeq">CSeq number of the last request the party sent; 0 when none (RFC 3261 §12.2.2).</param>
public sealed record SipDialog(
    string SipCallId,
    string LocalTag,
    string? RemoteTag,
    string LocalUri,
    string RemoteUri,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    long LocalCSeq,
    long RemoteCSeq)
{
    /// <summary>True when a request from the party carries a CSeq that is not newer than the last one (answer 500).</summary>
    public bool IsStale(long cseq) => cseq <= RemoteCSeq;

    /// <summary>RFC 3891 §3 matching: the Replaces to-tag is our local tag and its from-tag the party's tag.</summary>
    public bool Matches(string sipCallId, string toTag, string fromTag) =>
        string.Equals(SipCallId, sipCallId, StringComparison.Ordinal)
        && string.Equals(LocalTag, toTag, StringComparison.Ordinal)
        && string.Equals(RemoteTag, fromTag, StringComparison.Ordinal);
}
