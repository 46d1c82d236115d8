namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// Why a call entity answered a command with <c>Status.Failure</c> instead of a reply: the journal did not store the
/// command's events, the entity stopped while they were being written (the outcome is then unknown: resend with the
/// same command id, which the entity answers once), or the decider failed. Commands are never dropped silently;
/// <see cref="ShardedCallGateway"/> turns this into a <see cref="CallGatewayException"/>.
/// </summary>
public sealed class CallEntityException : Exception
{
    public CallEntityException(string callId, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        CallId = callId;
        IsTransient = isTransient;
    }

    public string CallId { get; }

    /// <summary>True when retrying later may succeed (the journal was unreachable, the entity was stopping).</summary>
    public bool IsTransient { get; }
}
