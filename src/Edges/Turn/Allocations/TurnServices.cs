using System.Net;
using System.Net.Sockets;
using Cluster.Runtime.Kernel;
using Serilog;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// What the request handler, the allocation actors and the data path share: settings, tables, port pool, counters,
/// clock and the manager actor. One instance per <see cref="TurnServer"/>.
/// </summary>
internal sealed class TurnServices
{
    public TurnServices(TurnSettings settings, TurnAllocationTable table, RelayPortPool ports, TurnCounters counters,
        TimeProvider clock, ILogger log, IPAddress relayBindAddress, IPAddress relayAdvertisedAddress)
    {
        Settings = settings;
        Table = table;
        Ports = ports;
        Counters = counters;
        Clock = clock;
        Log = log;
        RelayBindAddress = relayBindAddress;
        RelayAdvertisedAddress = relayAdvertisedAddress;
    }

    public TurnSettings Settings { get; }

    public TurnAllocationTable Table { get; }

    public RelayPortPool Ports { get; }

    public TurnCounters Counters { get; }

    public TimeProvider Clock { get; }

    public ILogger Log { get; }

    /// <summary>Address relay sockets bind to.</summary>
    public IPAddress RelayBindAddress { get; }

    /// <summary>Address put into XOR-RELAYED-ADDRESS (differs from the bind address behind 1:1 NAT or on 0.0.0.0).</summary>
    public IPAddress RelayAdvertisedAddress { get; }

    public AddressFamily RelayFamily => RelayBindAddress.AddressFamily;

    public string Software => Settings.Stun.Software;

    /// <summary>The <see cref="TurnServerActor"/>; set once at start.</summary>
    public IActorRef Manager { get; set; } = ActorRefs.Nobody;

    /// <summary>Hands a command to the allocation's actor, through the manager if the actor is not started yet.</summary>
    public void Deliver(TurnAllocation allocation, object command)
    {
        if (allocation.Owner is { } owner)
        {
            owner.Tell(command, ActorRefs.NoSender);
        }
        else
        {
            Manager.Tell(new TurnForward(allocation, command), ActorRefs.NoSender);
        }
    }
}
