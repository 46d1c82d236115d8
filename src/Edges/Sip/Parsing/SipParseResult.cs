namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// The single result type of the parse API: a status, how many bytes the caller should consume, and for
/// <see cref="SipParseStatus.Invalid"/> the error. A value type, so a failed parse costs no allocation.
/// </summary>
public readonly record struct SipParseResult(SipParseStatus Status, int Consumed, SipParseError? Error)
{
    public static SipParseResult NeedMore => new(SipParseStatus.NeedMoreData, 0, null);

    public static SipParseResult Fail(SipParseError error, int consumed = 0) => new(SipParseStatus.Invalid, consumed, error);

    public bool IsComplete => Status == SipParseStatus.Complete;

    public override string ToString() => Error is null ? $"{Status} ({Consumed} bytes)" : $"{Status}: {Error.Reason}";
}
