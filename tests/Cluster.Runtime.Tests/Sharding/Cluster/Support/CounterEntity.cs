using System.Diagnostics;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Tests.Remoting.Support;

namespace Cluster.Runtime.Tests.Sharding.Cluster.Support;

/// <summary>Commands of <see cref="CounterEntity"/>; each names its entity.</summary>
public interface ICounterCommand
{
    string EntityId { get; }
}

/// <summary>Adds one; answered with <see cref="CounterAck"/> once the event is journaled.</summary>
public sealed record Increment(string EntityId) : ICounterCommand;

/// <summary>Answered with <see cref="CounterValue"/>.</summary>
public sealed record GetCounter(string EntityId) : ICounterCommand;

public sealed record CounterAck(string EntityId, long Value, string Node);

public sealed record CounterValue(string EntityId, long Value, string Node);

/// <summary>The hand-off stop message.</summary>
public sealed class StopCounter
{
    public static readonly StopCounter Instance = new();
    private StopCounter() { }
}

/// <summary>The journaled event.</summary>
public sealed record CounterIncremented(long Value);

/// <summary>An entity started or stopped on a node, with a monotonic timestamp.</summary>
public sealed record Activation(string Node, string EntityId, bool Started, long At)
{
    public override string ToString() => $"{EntityId} {(Started ? "started" : "stopped")} on {Node}";
}

/// <summary>
/// A persistent counter: every increment is journaled before it is acknowledged, so an entity that moves to another
/// node must come back with every acknowledged increment. Reports its starts and stops with the node's name.
/// </summary>
public sealed class CounterEntity : ReceivePersistentActor
{
    private readonly string entityId;
    private readonly string node;
    private readonly ObservedList<Activation> activations;
    private long value;

    public CounterEntity(string entityId, string node, ObservedList<Activation> activations)
    {
        this.entityId = entityId;
        this.node = node;
        this.activations = activations;
        Recover<CounterIncremented>(e => value = e.Value);
        Command<Increment>(_ => Persist(new CounterIncremented(value + 1), e =>
        {
            value = e.Value;
            Sender.Tell(new CounterAck(entityId, value, node), Self);
        }));
        Command<GetCounter>(_ => Sender.Tell(new CounterValue(entityId, value, node), Self));
        Command<StopCounter>(_ => Context.Stop(Self));
    }

    public override string PersistenceId => "counter-" + entityId;

    public static Props PropsFor(string entityId, string node, ObservedList<Activation> activations) =>
        Props.Create(() => new CounterEntity(entityId, node, activations));

    public static SerializerRegistry Registry() => new SerializerRegistry().Register<CounterIncremented>("test.counter.incremented.v1");

    protected override void PreStart() => activations.Add(new Activation(node, entityId, true, Stopwatch.GetTimestamp()));

    protected override void PostStop() => activations.Add(new Activation(node, entityId, false, Stopwatch.GetTimestamp()));
}
