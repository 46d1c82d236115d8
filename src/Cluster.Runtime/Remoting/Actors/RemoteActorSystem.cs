using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Starts an actor system that is reachable from other nodes (Akka's <c>provider = remote</c>): the transport is
/// bound first, its public host and port become the system's address (<c>uc://uc@10.0.0.5:4053</c>), references to
/// paths of other nodes become <see cref="RemoteActorRef"/>s, and terminating the system shuts the transport down
/// after the last actor stopped. The remoting API is <see cref="RemotingExtension.Get"/>.
/// </summary>
public static class RemoteActorSystem
{
    /// <param name="name">System name; must equal <c>uc.remote.system-name</c> (the handshake compares them).</param>
    /// <param name="remote">Transport and actor-layer settings, and the cross-node message registrations.</param>
    /// <param name="settings">Kernel settings (logger, clock, ...).</param>
    public static ActorSystem Create(string name, RemoteActorSettings remote, ActorSystemSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        Address.ValidateSystemName(name);
        remote.Validate();
        if (!string.Equals(remote.Transport.SystemName, name, StringComparison.Ordinal))
            throw new ArgumentException(
                $"Actor system name '{name}' differs from uc.remote.system-name '{remote.Transport.SystemName}'; they must be equal.", nameof(name));
        settings ??= ActorSystemSettings.Default;
        settings.Validate();

        var serializer = new RemoteMessageSerializer(new SerializerRegistry());
        var inbound = new DeferredInboundHandler();
        var transport = new RemoteTransport(remote.Transport, inbound, settings.Logger, settings.TimeProvider, serializer).Start();
        try
        {
            var node = transport.LocalAddress.Address;
            var address = new Address(Address.DefaultProtocol, name, node.Host, node.Port);
            RemoteActorRefProvider? provider = null;
            var system = ActorSystem.Create(name, settings, sys => provider = new RemoteActorRefProvider(sys, address, transport, serializer, remote));
            system.RegisterExtension(_ => new RemotingExtension(provider!));
            transport.Subscribe(provider!.OnTransportEvent);
            inbound.Bind(provider);
            return system;
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }
}
