namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Headers the stack knows by name. The framer resolves every header name (long or compact form, RFC 3261 §7.3.3)
/// to one of these once, so later lookups compare integers instead of strings. Anything else is <see cref="Extension"/>.
/// </summary>
public enum SipHeaderKind : byte
{
    Extension = 0,
    Accept, AcceptEncoding, AcceptLanguage, AlertInfo, Allow, AllowEvents, AuthenticationInfo, Authorization,
    CallId, CallInfo, Contact, ContentDisposition, ContentEncoding, ContentLanguage, ContentLength, ContentType,
    CSeq, Date, ErrorInfo, Event, Expires, From, Identity, InReplyTo, MaxForwards, MimeVersion, MinExpires,
    MinSE, Organization, Path, Priority, ProxyAuthenticate, ProxyAuthorization, ProxyRequire, RAck, Reason,
    RecordRoute, ReferTo, ReferredBy, ReplyTo, Replaces, Require, RetryAfter, Route, RSeq, Server,
    ServiceRoute, SessionExpires, SipETag, SipIfMatch, Subject, SubscriptionState, Supported, Timestamp, To,
    Unsupported, UserAgent, Via, Warning, WwwAuthenticate, AcceptContact, RejectContact, RequestDisposition,
    PAssertedIdentity, PPreferredIdentity, Privacy, FlowTimer,
}
