namespace Cluster.Runtime.Tests.Sharding.Support;

/// <summary>Messages that name their entity, so the test extractor needs no envelope.</summary>
internal interface IHasEntityId
{
    string EntityId { get; }
}

/// <summary>A numbered message; the entity records it and answers <see cref="Ack"/> when asked to.</summary>
internal sealed record Cmd(string EntityId, int Seq, bool Reply = false) : IHasEntityId;

internal sealed record Ack(string EntityId, int Seq);

/// <summary>Makes the entity send Passivate(StopEntity) to its shard.</summary>
internal sealed record PassivateMe(string EntityId) : IHasEntityId;

/// <summary>Makes the entity throw.</summary>
internal sealed record Crash(string EntityId) : IHasEntityId;

/// <summary>Makes the entity stop itself without passivating.</summary>
internal sealed record StopYourself(string EntityId) : IHasEntityId;

/// <summary>The stop message of the test type (passivation and hand-off): recorded, then the entity stops.</summary>
internal sealed class StopEntity
{
    public static readonly StopEntity Instance = new();
    private StopEntity() { }
    public override string ToString() => "StopEntity";
}

/// <summary>What <see cref="TestEntity"/> reports to its <see cref="EntityProbe"/>.</summary>
internal abstract record EntityEvent(string EntityId, int Incarnation);

internal sealed record EntityStarted(string EntityId, int Incarnation) : EntityEvent(EntityId, Incarnation);

internal sealed record EntityReceived(string EntityId, int Incarnation, int Seq) : EntityEvent(EntityId, Incarnation);

internal sealed record EntityStopReceived(string EntityId, int Incarnation) : EntityEvent(EntityId, Incarnation);

internal sealed record EntityStopped(string EntityId, int Incarnation) : EntityEvent(EntityId, Incarnation);
