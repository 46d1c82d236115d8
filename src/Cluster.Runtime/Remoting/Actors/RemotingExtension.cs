using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// The remoting side of a system created by <see cref="RemoteActorSystem.Create"/>: its transport and node identity,
/// the registry of cross-node message types, counters, and the hook through which membership reports nodes that are
/// gone (<see cref="NotifyAddressTerminated(Cluster.Runtime.Kernel.Address, string)"/>), so that watchers of their actors hear about it.
/// </summary>
public sealed class RemotingExtension : IExtension
{
    private readonly RemoteActorRefProvider provider;

    internal RemotingExtension(RemoteActorRefProvider provider) => this.provider = provider;

    /// <summary>The extension of <paramref name="system"/>; fails when the system was created without remoting.</summary>
    public static RemotingExtension Get(ActorSystem system) =>
        (system ?? throw new ArgumentNullException(nameof(system))).GetExtension<RemotingExtension>()
        ?? throw new InvalidOperationException($"Actor system {system.Name} has no remoting: create it with RemoteActorSystem.Create.");

    /// <summary>This system's address (<c>uc://uc@host:port</c>), the one in every serialized reference.</summary>
    public Address Address => provider.RootPath.Address;

    /// <summary>This node's transport identity: address and incarnation uid.</summary>
    public UniqueAddress LocalNode => provider.Transport.LocalAddress;

    public RemoteTransport Transport => provider.Transport;

    /// <summary>Manifests of cross-node messages; more types may be registered at any time (on every node).</summary>
    public SerializerRegistry Registry => provider.Serializer.Registry;

    public RemoteActorCounters Counters => provider.Counters;

    /// <summary>The actor address of a node known to the transport (same system name as this one).</summary>
    public Address ToAddress(NodeAddress node) => provider.ToAddress(node);

    /// <summary>
    /// Declares the node at <paramref name="address"/> gone, as membership does when a member becomes Down or
    /// Removed: every local watcher of an actor there gets <see cref="Terminated"/> with
    /// <c>AddressTerminated = true</c>, local actors forget their watchers there, and <see cref="AddressTerminated"/>
    /// is published. New watches of actors of that incarnation are answered with Terminated at once; a restarted node
    /// (new incarnation) is watchable again. Idempotent.
    /// </summary>
    public void NotifyAddressTerminated(Address address, string reason = "membership reported the node down")
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Equals(Address)) throw new ArgumentException("A node cannot declare its own address terminated.", nameof(address));
        if (provider.ToNodeAddress(address) is not { } node)
            throw new ArgumentException($"{address} is not a remote node address (expected uc://system@host:port).", nameof(address));
        var uid = provider.Transport.GetAssociation(node)?.RemoteUid ?? 0;
        provider.Watcher.Terminate(address, uid, reason);
    }

    /// <summary><see cref="NotifyAddressTerminated(Cluster.Runtime.Kernel.Address, string)"/> for a node named by its transport address.</summary>
    public void NotifyAddressTerminated(NodeAddress node, string reason = "membership reported the node down") =>
        NotifyAddressTerminated(provider.ToAddress(node), reason);

    /// <summary>True when <paramref name="address"/>'s current incarnation was declared terminated.</summary>
    public bool IsAddressTerminated(Address address) => provider.Watcher.IsTerminated(address);

    /// <summary>Remote watch relations: local actors watching remote ones, remote actors watching local ones.</summary>
    public (int Outbound, int Inbound) RemoteWatchCount => provider.Watcher.Count();
}
