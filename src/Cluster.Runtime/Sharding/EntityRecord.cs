using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>What a shard knows of one entity; mutable, owned by the shard's thread.</summary>
internal sealed class EntityRecord(string id)
{
    public string Id { get; } = id;

    /// <summary>The running incarnation; null while <see cref="EntityState.WaitingRestart"/>.</summary>
    public IActorRef? Ref { get; set; }

    public EntityState State { get; set; }

    /// <summary>Timestamp (of the system's TimeProvider) of the last delivery; used by idle passivation.</summary>
    public long LastActivity { get; set; }

    /// <summary>Raw messages waiting for the entity (Passivating, WaitingRestart), in arrival order.</summary>
    public Queue<Envelope>? Buffer { get; set; }

    public int BufferedCount => Buffer?.Count ?? 0;
}
