using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>
/// What the cluster locator knows about one entity type on this node; guarded by the locator's lock.
/// </summary>
/// <remarks>
/// A shard, as seen from one node:
/// <code>
///            asked, desired here, lease taken                  desired elsewhere, or leaving
///  (none) ─────────────────────────────────────► Hosted ─────────────────────────────────────► HandingOff
///    │  ▲                                          │  lease lapsed, or fenced: StopShards           │ stopped, detector
///    │  └──────────────────────────────────────────┴────────────────────────────────────────────────┘ flushed, released
///    │  asked, desired elsewhere
///    └──────────────────────────► Remote(owner) ── desired owner changed: the region forgets it (BeginHandOff)
/// </code>
/// </remarks>
internal sealed class TypePlacement(string typeName, IActorRef region, ClusterShardingSettings settings)
{
    public string TypeName { get; } = typeName;

    public IActorRef Region { get; } = region;

    public ClusterShardingSettings Settings { get; } = settings;

    /// <summary>Shards hosted here, with the epoch of the lease they were taken under.</summary>
    public Dictionary<string, long> Hosted { get; } = new(StringComparer.Ordinal);

    /// <summary>Hosted shards whose hand-off is running.</summary>
    public HashSet<string> HandingOff { get; } = new(StringComparer.Ordinal);

    /// <summary>Shards this node's region was told live elsewhere, and where.</summary>
    public Dictionary<string, UniqueAddress> Remote { get; } = new(StringComparer.Ordinal);

    /// <summary>The eligible members the last rebalance saw (addresses and uids), to run it only when they change.</summary>
    public string LastPlacementKey { get; set; } = "";

    /// <summary>Set when a rebalance must run again even though the members did not change (a hand-off failed).</summary>
    public bool Dirty { get; set; }
}
