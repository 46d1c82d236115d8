namespace Cluster.Actors.Calls;

/// <summary>
/// A response to a request this call sent on a leg (INVITE, re-INVITE, UPDATE, BYE, NOTIFY, CANCEL). The edge fills
/// the dialog fields from the response: To-tag, Contact and Record-Route (reversed for a UAC, RFC 3261 §12.1.2).
/// </summary>
public sealed record ReceiveResponse(
    string LegId,
    SipMethod Method,
    long CSeq,
    int Status,
    string Reason,
    string? Sdp = null,
    string? RemoteTag = null,
    string? RemoteTarget = null,
    IReadOnlyList<string>? RouteSet = null,
    SessionExpires? SessionExpires = null,
    int? MinSe = null,
    bool AllowsUpdate = false,
    string? SipCallId = null,
    string? LocalTag = null) : ICallCommand
{
    public string? CommandId { get; init; }

    public bool IsProvisional => Status is >= 100 and < 200;

    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>An ACK for a 2xx we sent on an incoming leg (RFC 3261 §13.3.1.4); it may carry the answer to our offer.</summary>
public sealed record ReceiveAck(string LegId, long CSeq, string? Sdp = null) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>A CANCEL for an incoming leg's INVITE (RFC 3261 §9.2); the edge already answered the CANCEL with 200.</summary>
public sealed record ReceiveCancel(string LegId) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>A BYE on a leg (RFC 3261 §15.1.2).</summary>
public sealed record ReceiveBye(string LegId, long CSeq, string TransactionKey) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>A re-INVITE on a confirmed leg (RFC 3261 §14.2), with or without an offer.</summary>
public sealed record ReceiveReinvite(string LegId, long CSeq, string TransactionKey, string? Sdp, SessionExpires? SessionExpires = null, int? MinSe = null) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>An UPDATE on a confirmed leg (RFC 3311 §5.2), with or without an offer.</summary>
public sealed record ReceiveUpdate(string LegId, long CSeq, string TransactionKey, string? Sdp, SessionExpires? SessionExpires = null, int? MinSe = null) : ICallCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// A REFER on a confirmed leg (RFC 3515 §2.4.2). <paramref name="ReferTo"/> is the Refer-To URI as received, possibly
/// with an escaped <c>?Replaces=</c> header part for an attended transfer (RFC 3891 §7).
/// </summary>
public sealed record ReceiveRefer(string LegId, long CSeq, string TransactionKey, string ReferTo, string? ReferredBy = null) : ICallCommand
{
    public string? CommandId { get; init; }
}
