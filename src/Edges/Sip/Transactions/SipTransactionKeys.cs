namespace Cluster.Edges.Sip.Transactions;

/// <summary>RFC 3261 §17.1.3: a response matches a client transaction by top Via branch and CSeq method.</summary>
internal readonly record struct SipClientKey(string Branch, string Method);

/// <summary>
/// RFC 3261 §17.2.3: a request matches a server transaction by top Via branch, sent-by and method, where ACK counts
/// as INVITE. CANCEL keeps its own method, so it is a transaction of its own with the INVITE's branch.
/// </summary>
internal readonly record struct SipServerKey(string Branch, string SentBy, string Method);

/// <summary>
/// RFC 3261 §17.2.3 fallback for RFC 2543 peers (top Via branch without the magic cookie): Request-URI, From tag,
/// Call-ID, CSeq and top Via. The To tag is compared after the lookup, because for an ACK it must equal the tag of
/// the response the transaction sent rather than the request's.
/// </summary>
internal readonly record struct SipRfc2543Key(string RequestUri, string? FromTag, string CallId, uint CSeq, string Method, string TopVia);
