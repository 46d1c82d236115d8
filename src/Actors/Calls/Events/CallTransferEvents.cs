namespace Cluster.Actors.Calls;

/// <summary>
/// A REFER was accepted with 202 (RFC 3515 §2.4.2) and NOTIFY "100 Trying" sent with <paramref name="NotifyCSeq"/>.
/// </summary>
public sealed record TransferStarted(TransferState Transfer, long ReferCSeq, long NotifyCSeq) : ICallEvent
{
    public const string Manifest = "call.transfer-started.v1";
}

/// <summary>
/// The transfer finished; the final NOTIFY (sipfrag with <paramref name="Status"/>) went out with
/// <paramref name="NotifyCSeq"/> unless the transferor was gone.
/// </summary>
public sealed record TransferEnded(string TransferId, bool Succeeded, int Status, long? NotifyCSeq, DateTimeOffset At) : ICallEvent
{
    public const string Manifest = "call.transfer-ended.v1";
}
