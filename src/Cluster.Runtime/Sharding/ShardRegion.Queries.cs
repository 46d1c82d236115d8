using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// State and statistics queries. Answers that need shards (or other regions) are gathered off the region's thread
/// with asks and sent straight to the asker, so a slow shard never holds up message routing.
/// </summary>
internal sealed partial class ShardRegion
{
    private void HandleQuery(IShardRegionQuery query)
    {
        var replyTo = Sender;
        switch (query)
        {
            case GetShardRegionState:
                _ = AnswerAsync(replyTo, GatherShardStatesAsync(), states => new CurrentShardRegionState(
                    states.Answered.ToDictionary(s => s.ShardId, s => s.EntityIds, StringComparer.Ordinal), states.Failed));
                break;
            case GetShardRegionStats:
                _ = AnswerAsync(replyTo, GatherShardStatesAsync(), states => new ShardRegionStats(
                    states.Answered.ToDictionary(s => s.ShardId, s => s.EntityIds.Count, StringComparer.Ordinal), states.Failed));
                break;
            case GetClusterShardingStats cluster:
                _ = AnswerAsync(replyTo, GatherClusterStatsAsync(cluster.Timeout), stats => stats);
                break;
            case GetCurrentRegions:
                replyTo.Tell(new CurrentRegions(AllRegions().Select(r => r.Path.Address).Distinct().ToList()), Self);
                break;
            case GetEntityLocation location:
                OnGetEntityLocation(location.EntityId, replyTo);
                break;
            default:
                replyTo.Tell(new Status.Failure(new NotSupportedException($"Sharding region {typeName} does not answer {query.GetType().FullName}.")), Self);
                break;
        }
    }

    private IEnumerable<IActorRef> AllRegions() => otherRegions.Prepend(Self);

    private async Task AnswerAsync<T>(IActorRef replyTo, Task<T> gathering, Func<T, object> answer)
    {
        var self = Self;
        try
        {
            var result = await gathering.ConfigureAwait(false);
            replyTo.Tell(answer(result), self);
        }
        catch (Exception e)
        {
            replyTo.Tell(new Status.Failure(e), self);
        }
    }

    private Task<(List<ShardStateReply> Answered, List<string> Failed)> GatherShardStatesAsync()
    {
        var targets = shards.ToArray();
        var timeout = settings.ShardRegionQueryTimeout;
        return Task.Run(async () =>
        {
            var asks = targets.Select(async t =>
            {
                try
                {
                    return (t.Key, Reply: await t.Value.Ask<ShardStateReply>(GetShardState.Instance, timeout).ConfigureAwait(false));
                }
                catch (Exception)
                {
                    return (t.Key, Reply: (ShardStateReply?)null);
                }
            }).ToArray();
            var results = await Task.WhenAll(asks).ConfigureAwait(false);
            var answered = results.Where(r => r.Reply is not null).Select(r => r.Reply!).ToList();
            var failed = results.Where(r => r.Reply is null).Select(r => r.Key).ToList();
            return (answered, failed);
        });
    }

    private Task<ClusterShardingStats> GatherClusterStatsAsync(TimeSpan timeout)
    {
        var regions = AllRegions().ToArray();
        return Task.Run(async () =>
        {
            var asks = regions.Select(async region =>
            {
                try
                {
                    return (region, Stats: await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, timeout).ConfigureAwait(false));
                }
                catch (Exception)
                {
                    return (region, Stats: (ShardRegionStats?)null);
                }
            }).ToArray();
            var results = await Task.WhenAll(asks).ConfigureAwait(false);
            var byNode = new Dictionary<Address, ShardRegionStats>();
            foreach (var (region, stats) in results)
                if (stats is not null) byNode[region.Path.Address] = stats;
            return new ClusterShardingStats(byNode);
        });
    }

    private void OnGetEntityLocation(string entityId, IActorRef replyTo)
    {
        string shardId;
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(entityId);
            shardId = extractor.ShardId(entityId);
        }
        catch (Exception e)
        {
            replyTo.Tell(new Status.Failure(new ArgumentException($"Entity id '{entityId}' of {typeName} has no shard: {e.Message}", e)), Self);
            return;
        }
        if (regionByShard.TryGetValue(shardId, out var home))
        {
            AnswerLocation(entityId, shardId, home, replyTo);
            return;
        }
        // Ask the locator without caching the answer or starting anything: a query must not change placement.
        var self = Self;
        Task<ShardHome> lookup;
        try
        {
            lookup = locator.GetHomeAsync(typeName, shardId, self, CancellationToken.None)
                .WaitAsync(settings.ShardStartTimeout, Context.System.Scheduler.TimeProvider);
        }
        catch (Exception e)
        {
            lookup = Task.FromException<ShardHome>(e);
        }
        lookup.ContinueWith(t => self.Tell(new LocationResolved(replyTo, entityId, shardId,
                t.IsCompletedSuccessfully ? t.Result : null, t.IsCompletedSuccessfully ? null : t.Exception?.GetBaseException() ?? new TimeoutException("the shard locator did not answer")), null),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnLocationResolved(LocationResolved resolved)
    {
        if (resolved.Home is null)
        {
            resolved.ReplyTo.Tell(new Status.Failure(new ShardDeliveryException(
                $"the home of shard {resolved.ShardId} of {typeName} is unknown: {resolved.Error?.Message}", resolved.Error)), Self);
            return;
        }
        AnswerLocation(resolved.EntityId, resolved.ShardId, resolved.Home.Region, resolved.ReplyTo);
    }

    private void AnswerLocation(string entityId, string shardId, IActorRef home, IActorRef replyTo)
    {
        if (!home.Equals(Self))
        {
            home.Tell(new GetEntityLocation(entityId), replyTo);
            return;
        }
        var self = Self;
        if (!shards.TryGetValue(shardId, out var shard) || handingOff.Contains(shardId))
        {
            replyTo.Tell(new EntityLocation(entityId, shardId, self.Path.Address, self, IsActive: false), self);
            return;
        }
        var timeout = settings.ShardRegionQueryTimeout;
        _ = AnswerAsync(replyTo, Task.Run(() => shard.Ask<EntityActiveReply>(new IsEntityActive(entityId), timeout)),
            reply => new EntityLocation(entityId, shardId, self.Path.Address, self, reply.IsActive));
    }

    private sealed record LocationResolved(IActorRef ReplyTo, string EntityId, string ShardId, ShardHome? Home, Exception? Error);
}
