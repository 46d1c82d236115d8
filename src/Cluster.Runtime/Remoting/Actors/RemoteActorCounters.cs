namespace Cluster.Runtime.Remoting;

/// <summary>
/// Counters of the actor layer on top of the transport (the transport's own are in <see cref="RemotingCounters"/>).
/// A message that cannot cross nodes is never dropped silently: each reason has a counter and a rate-limited log line.
/// </summary>
public sealed class RemoteActorCounters
{
    internal long messagesSent, messagesReceived, unregisteredMessageTypes, serializationFailures, deserializationFailures;
    internal long sendsNotEnqueued, unknownRecipients, addressesTerminated, remoteWatchesTerminated;

    /// <summary>User messages handed to the transport (enqueued).</summary>
    public long MessagesSent => Volatile.Read(ref messagesSent);

    /// <summary>User messages from other nodes that were read and delivered (to an actor or to dead letters).</summary>
    public long MessagesReceived => Volatile.Read(ref messagesReceived);

    /// <summary>Tells refused because the message type has no manifest (<see cref="UnregisteredMessageTypeException"/>).</summary>
    public long UnregisteredMessageTypes => Volatile.Read(ref unregisteredMessageTypes);

    /// <summary>Tells refused because JSON serialization of a registered type failed.</summary>
    public long SerializationFailures => Volatile.Read(ref serializationFailures);

    /// <summary>Inbound messages dropped: unknown manifest or unreadable payload.</summary>
    public long DeserializationFailures => Volatile.Read(ref deserializationFailures);

    /// <summary>Messages the transport did not enqueue (queue full, oversized, shutting down); also dead-lettered.</summary>
    public long SendsNotEnqueued => Volatile.Read(ref sendsNotEnqueued);

    /// <summary>Inbound messages whose recipient does not live here (or is another incarnation); sent to dead letters.</summary>
    public long UnknownRecipients => Volatile.Read(ref unknownRecipients);

    /// <summary>Remote nodes declared terminated (address terminated) since start.</summary>
    public long AddressesTerminated => Volatile.Read(ref addressesTerminated);

    /// <summary>Watches ended by an address termination (one per watcher and watched actor).</summary>
    public long RemoteWatchesTerminated => Volatile.Read(ref remoteWatchesTerminated);
}
