namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// A message for the call entity named by <see cref="CallId"/>, as sent to the <c>call</c> shard region: call commands
/// do not carry their call id, so the envelope names the entity and <see cref="CallMessageExtractor"/> unwraps it. The
/// message is an <see cref="ICallCommand"/> or <see cref="GetCall"/>.
/// </summary>
public sealed record CallEnvelope
{
    public CallEnvelope(string callId, object message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentNullException.ThrowIfNull(message);
        if (message is not (ICallCommand or GetCall))
        {
            throw new ArgumentException($"a call envelope carries an ICallCommand or GetCall, not {message.GetType().Name}", nameof(message));
        }

        CallId = callId;
        Message = message;
    }

    public string CallId { get; }

    public object Message { get; }
}

/// <summary>Asks a call entity for <see cref="CallDecider.Describe"/>; answered with a <see cref="CallView"/>, never writes.</summary>
public sealed record GetCall
{
    public static GetCall Instance { get; } = new();
}

/// <summary>
/// The call entity's stop message, used by sharding for hand-off, region shutdown and the entity's own passivation. An
/// ordinary message, so it waits behind a journal write in flight.
/// </summary>
public sealed record StopCallEntity
{
    public static StopCallEntity Instance { get; } = new();
}
