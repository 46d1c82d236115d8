namespace Cluster.Runtime.Remoting;

/// <summary>
/// Something that happened to an association, published to subscribers of <see cref="RemoteTransport"/> in the order
/// it happened (on one dispatcher task, never on a socket loop). Membership combines these with database heartbeats.
/// </summary>
public abstract record RemotingEvent(UniqueAddress Remote);

/// <summary>A connection to <paramref name="Remote"/> completed its handshake; messages flow.</summary>
public sealed record AssociationEstablished(UniqueAddress Remote) : RemotingEvent(Remote);

/// <summary>The connection to <paramref name="Remote"/> closed. <paramref name="Graceful"/> when the peer sent a close frame.</summary>
public sealed record AssociationLost(UniqueAddress Remote, string Reason, bool Graceful) : RemotingEvent(Remote);

/// <summary>No frame arrived from <paramref name="Remote"/> within acceptable-heartbeat-pause.</summary>
public sealed record PeerUnreachable(UniqueAddress Remote, TimeSpan Silence) : RemotingEvent(Remote);

/// <summary>Frames arrive again from a peer previously reported unreachable.</summary>
public sealed record PeerReachable(UniqueAddress Remote) : RemotingEvent(Remote);

/// <summary>
/// The node at <see cref="RemotingEvent.Remote"/>'s address restarted: <paramref name="Previous"/> is gone for good
/// (watchers of its actors should be told), <see cref="RemotingEvent.Remote"/> is the new incarnation.
/// </summary>
public sealed record IncarnationChanged(UniqueAddress Remote, UniqueAddress Previous) : RemotingEvent(Remote);
