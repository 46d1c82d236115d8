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
/// Call-ID, CSeq and top Via, plus the request's To tag. An ACK for an initial INVITE carries the tag of the response
/// instead, so the layer looks it up without a tag and compares with the response sent.
/// </summary>
internal readonly record struct SipRfc2543Key(string RequestUri, string? ToTag, string? FromTag, string CallId, uint CSeq, string Method, string TopVia);
