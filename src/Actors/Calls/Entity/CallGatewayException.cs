namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// A gateway call got no reply from the call's entity. Edges catch this one type and answer with the status
/// <see cref="Failure"/> suggests. A <see cref="CallRejected"/> is not an exception: it is the entity's answer.
/// </summary>
public sealed class CallGatewayException : Exception
{
    public CallGatewayException(string callId, CallGatewayFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        CallId = callId;
        Failure = failure;
    }

    public string CallId { get; }

    public CallGatewayFailure Failure { get; }

    /// <summary>True when the same request may succeed later.</summary>
    public bool IsTransient => Failure != CallGatewayFailure.Failed;

    /// <summary>The SIP status to answer a request with: 504 after a timeout, 503 when unavailable (RFC 3261 §21.5.4), else 500.</summary>
    public int SipStatus => Failure switch
    {
        CallGatewayFailure.Timeout => 504,
        CallGatewayFailure.Unavailable => 503,
        _ => 500,
    };
}

/// <summary>Why a <see cref="ICallGateway"/> call failed.</summary>
public enum CallGatewayFailure
{
    /// <summary>No reply within the gateway's ask timeout (SIP 504, web 504).</summary>
    Timeout,

    /// <summary>The entity could not be reached or could not store the change right now; retry later (SIP/web 503).</summary>
    Unavailable,

    /// <summary>An internal error in the entity; retrying will not help (500).</summary>
    Failed,
}
