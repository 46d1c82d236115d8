using Cluster.Actors.Common;

namespace Cluster.Actors.Calls;

/// <summary>
/// A dialog-creating INVITE as the SIP edge parsed it, for <see cref="StartCall"/> and <see cref="ReceiveReplacingInvite"/>.
/// The edge picks our To-tag (<see cref="LocalTag"/>) so it can route later requests of this dialog to the call.
/// </summary>
/// <param name="SipCallId">Call-ID.</param>
/// <param name="RemoteTag">From-tag of the caller.</param>
/// <param name="LocalTag">The To-tag we answer with.</param>
/// <param name="LocalUri">The To URI.</param>
/// <param name="RemoteUri">The From URI.</param>
/// <param name="RemoteTarget">The Contact URI.</param>
/// <param name="RouteSet">Record-Route values in the order they appeared (the UAS route set, RFC 3261 §12.1.1).</param>
/// <param name="CSeq">CSeq number of the INVITE.</param>
/// <param name="Flow">The edge node and flow it arrived on.</param>
/// <param name="TransactionKey">The edge's server transaction key; responses to the INVITE name it.</param>
/// <param name="Sdp">The offer, or null for a delayed offer.</param>
/// <param name="SessionExpires">Session-Expires header, if any (RFC 4028 §4).</param>
/// <param name="MinSe">Min-SE header, if any (RFC 4028 §5).</param>
/// <param name="SupportsTimer">Supported or Require listed "timer".</param>
/// <param name="AllowsUpdate">Allow listed UPDATE.</param>
public sealed record IncomingInvite(
    string SipCallId,
    string RemoteTag,
    string LocalTag,
    string LocalUri,
    string RemoteUri,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    long CSeq,
    EdgeEndpoint Flow,
    string TransactionKey,
    string? Sdp,
    SessionExpires? SessionExpires = null,
    int? MinSe = null,
    bool SupportsTimer = false,
    bool AllowsUpdate = false);
