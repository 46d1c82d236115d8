using Cluster.Runtime.Commands;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// The <c>sharding</c> palette of the <c>uc</c> shell (like pbm's <c>cluster sharding</c> commands): which entity
/// types run here, how their shards and entities spread over nodes, and where one entity lives. Read-only: nothing
/// here starts, moves or stops an entity.
/// </summary>
public static class ShardingPalette
{
    /// <summary>Creates the palette for the regions of <paramref name="system"/>.</summary>
    /// <param name="system">The node's actor system.</param>
    /// <param name="queryTimeout">How long a command waits for regions to answer (default 5 s).</param>
    public static CommandPalette Create(ActorSystem system, TimeSpan? queryTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var timeout = queryTimeout ?? TimeSpan.FromSeconds(5);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(queryTimeout), timeout, "The query timeout must be positive.");
        var sharding = ClusterSharding.Get(system);
        var region = CommandOption.Value("region", "entity type (region) name, as started with ClusterSharding.Start", 'r', required: true, valueName: "type");
        return new CommandPalette("sharding", "Sharded entity types: regions, shards and entities",
        [
            new CommandDefinition("regions", "List the entity types started on this node with their shards, entities and message counters",
                (_, output, ct) => RegionsAsync(sharding, timeout, output, ct)),
            new CommandDefinition("region-stats", "Shards and active entities of one type per node",
                (invocation, output, ct) => RegionStatsAsync(sharding, timeout, invocation, output, ct),
                options: [region, CommandOption.Flag("shards", "one row per shard instead of one per node", 's')]),
            new CommandDefinition("where", "The shard of an entity, the node hosting it, and whether it is active (starts nothing)",
                (invocation, output, ct) => WhereAsync(sharding, timeout, invocation, output, ct),
                arguments: [new CommandArgument("entity-id", "the entity's id, e.g. alice@example.com")],
                options: [region]),
        ]);
    }

    private static async Task RegionsAsync(ClusterSharding sharding, TimeSpan timeout, CommandOutput output, CancellationToken ct)
    {
        var table = new CommandTable("type", "shards", "entities", "started", "passivated", "delivered", "buffered", "dropped");
        foreach (var type in sharding.ShardTypeNames.Order(StringComparer.Ordinal))
        {
            var stats = await AskAsync<ShardRegionStats>(sharding, type, GetShardRegionStats.Instance, timeout, ct);
            var counters = sharding.Statistics(type);
            table.AddRow(type, stats.Stats.Count, stats.EntityCount, counters.EntitiesStarted, counters.EntitiesPassivated,
                counters.MessagesDelivered, counters.MessagesBuffered, counters.MessagesDropped);
        }
        await output.WriteTableAsync(table);
    }

    private static async Task RegionStatsAsync(ClusterSharding sharding, TimeSpan timeout, CommandInvocation invocation, CommandOutput output, CancellationToken ct)
    {
        var type = invocation.Option("region")!;
        var stats = await AskAsync<ClusterShardingStats>(sharding, type, new GetClusterShardingStats(timeout), timeout + timeout, ct);
        var nodes = stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ToList();
        CommandTable table;
        if (invocation.Flag("shards"))
        {
            table = new CommandTable("node", "shard", "entities") { Title = $"Shards of {type}" };
            foreach (var (node, regionStats) in nodes)
                foreach (var (shard, count) in regionStats.Stats.OrderBy(s => s.Key, ShardIdComparer.Instance))
                    table.AddRow(node.ToString(), shard, count);
        }
        else
        {
            table = new CommandTable("node", "shards", "entities", "unanswered") { Title = $"Regions of {type}" };
            foreach (var (node, regionStats) in nodes)
                table.AddRow(node.ToString(), regionStats.Stats.Count, regionStats.EntityCount, regionStats.Failed.Count);
        }
        await output.WriteTableAsync(table);
    }

    private static async Task WhereAsync(ClusterSharding sharding, TimeSpan timeout, CommandInvocation invocation, CommandOutput output, CancellationToken ct)
    {
        var type = invocation.Option("region")!;
        var entityId = invocation.Argument("entity-id")!;
        if (entityId.Length == 0) throw new CommandUsageException("the entity id must not be empty");
        var location = await AskAsync<EntityLocation>(sharding, type, new GetEntityLocation(entityId), timeout, ct);
        await output.WriteSectionAsync(null,
        [
            new("entity", location.EntityId),
            new("type", type),
            new("shard", location.ShardId),
            new("node", location.Node.ToString()),
            new("region", location.Region.Path.ToString()),
            new("active", location.IsActive),
        ]);
    }

    private static async Task<T> AskAsync<T>(ClusterSharding sharding, string type, object query, TimeSpan timeout, CancellationToken ct)
    {
        if (!sharding.TryGetShardRegion(type, out var region))
        {
            var known = sharding.ShardTypeNames;
            throw new CommandFailedException($"no sharding region of type '{type}' on this node; started types: " +
                (known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal))));
        }
        try
        {
            return await region.Ask<T>(query, timeout, ct);
        }
        catch (AskTimeoutException)
        {
            throw new CommandFailedException($"the sharding region of '{type}' did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is ShardDeliveryException or ArgumentException)
        {
            throw new CommandFailedException(e.Message);
        }
    }

    /// <summary>Orders numeric shard ids numerically ("2" before "10"), others ordinally after them.</summary>
    private sealed class ShardIdComparer : IComparer<string>
    {
        public static readonly ShardIdComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var xNumber = int.TryParse(x, out var a);
            var yNumber = int.TryParse(y, out var b);
            if (xNumber && yNumber) return a.CompareTo(b);
            if (xNumber != yNumber) return xNumber ? -1 : 1;
            return string.CompareOrdinal(x, y);
        }
    }
}
