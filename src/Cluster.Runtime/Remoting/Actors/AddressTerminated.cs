using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Published on the <see cref="ActorSystem.EventStream"/> when a whole remote node is considered gone (its connection
/// did not come back within <c>uc.remote.actor.address-terminated-after</c>, it restarted as a new incarnation, or
/// membership reported it Down/Removed). Every local watcher of an actor on that node has then been sent
/// <see cref="Terminated"/> with <c>AddressTerminated = true</c>; subscribers such as sharding can drop their own state
/// about that node.
/// </summary>
public sealed record AddressTerminated(Address Address, string Reason);
