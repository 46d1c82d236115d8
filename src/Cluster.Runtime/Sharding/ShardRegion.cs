using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// The entry point of one entity type on this node (Akka's ShardRegion): every message for the type is sent here.
/// The region extracts entity and shard ids, asks the <see cref="IShardLocator"/> once per shard where it lives,
/// and then delivers to its own <see cref="Shard"/> child or forwards to the region that hosts the shard, always
/// with the original sender and in arrival order. While a shard's home is unknown or the shard is being handed off,
/// its messages wait in a bounded buffer; nothing is dropped without an answer or a dead letter and a log line.
/// </summary>
/// <remarks>Split by concern: routing here, shard homes and buffering in ShardRegion.Homes.cs, hand-off and
/// shutdown in ShardRegion.HandOff.cs, forced stops in ShardRegion.Stop.cs, queries in ShardRegion.Queries.cs.</remarks>
internal sealed partial class ShardRegion : ActorBase, IWithTimers
{
    private readonly string typeName;
    private readonly Func<string, Props> entityProps;
    private readonly ClusterShardingSettings settings;
    private readonly IMessageExtractor extractor;
    private readonly object handOffStopMessage;
    private readonly IShardLocator locator;
    private readonly ShardingCounters counters;
    private readonly MessageRejecter rejecter;
    private readonly Action<int> onStopped;

    /// <summary>Resolved homes: <see cref="ActorBase.Self"/> for shards hosted here, another region otherwise.</summary>
    private readonly Dictionary<string, IActorRef> regionByShard = new(StringComparer.Ordinal);

    /// <summary>Shard actors running here (including ones being handed off).</summary>
    private readonly Dictionary<string, IActorRef> shards = new(StringComparer.Ordinal);

    private readonly Dictionary<IActorRef, string> shardIdByRef = new();

    public ShardRegion(string typeName, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor,
        object handOffStopMessage, IShardLocator locator, ShardingCounters counters, Action<int> onStopped)
    {
        this.typeName = typeName;
        this.entityProps = entityProps;
        this.settings = settings;
        this.extractor = extractor;
        this.handOffStopMessage = handOffStopMessage;
        this.locator = locator;
        this.counters = counters;
        this.onStopped = onStopped;
        rejecter = new MessageRejecter(Context.System, typeName, counters, Log);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A shard that throws has a bug; restarting it would stop its entities without their stop message anyway, so it
    /// is stopped (its buffered messages are rejected) and started afresh by the next message for it.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.StoppingStrategy;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case HomeResolved resolved:
                OnHomeResolved(resolved);
                return true;
            case HomeFailed failed:
                OnHomeFailed(failed);
                return true;
            case RetryHome retry:
                OnRetryHome(retry.ShardId);
                return true;
            case ShardHandOffDone done:
                OnShardHandOffDone(done);
                return true;
            case Terminated terminated:
                OnShardTerminated(terminated.ActorRef);
                return true;
            case LocationResolved location:
                OnLocationResolved(location);
                return true;
            case IShardRegionCommand command:
                HandleCommand(command);
                return true;
            case IShardRegionQuery query:
                HandleQuery(query);
                return true;
            default:
                Route(message, Sender);
                return true;
        }
    }

    private void Route(object message, IActorRef? sender)
    {
        if (shuttingDown)
        {
            rejecter.Reject(message, sender, Self, new ShardDeliveryException($"the sharding region of {typeName} is shutting down"));
            return;
        }
        string shardId;
        try
        {
            var entityId = extractor.EntityId(message);
            if (string.IsNullOrEmpty(entityId))
            {
                rejecter.Reject(message, sender, Self, new ShardDeliveryException($"a {message.GetType().FullName} names no entity of {typeName}"));
                return;
            }
            shardId = extractor.ShardId(message);
        }
        catch (Exception e)
        {
            rejecter.Reject(message, sender, Self, new ShardDeliveryException($"the extractor of {typeName} failed on {message.GetType().FullName}: {e.Message}", e));
            return;
        }
        if (string.IsNullOrEmpty(shardId))
        {
            rejecter.Reject(message, sender, Self, new ShardDeliveryException($"the extractor of {typeName} gave a {message.GetType().FullName} no shard id"));
            return;
        }
        RouteToShard(shardId, message, sender);
    }

    private void RouteToShard(string shardId, object message, IActorRef? sender)
    {
        if (!regionByShard.TryGetValue(shardId, out var home))
        {
            // A shard still stopping here asks for its new home once it has stopped. Nothing may overtake what
            // already waits for this shard; otherwise a locator that answers at once (one node) saves the buffering.
            var canAsk = !handingOff.Contains(shardId);
            if (canAsk && !buffers.ContainsKey(shardId)) RequestHome(shardId);
            if (!regionByShard.TryGetValue(shardId, out home))
            {
                BufferMessage(shardId, message, sender);
                if (canAsk) RequestHome(shardId);
                return;
            }
        }
        if (home.Equals(Self)) DeliverLocal(shardId, message, sender);
        else home.Tell(message, sender);
    }

    private void DeliverLocal(string shardId, object message, IActorRef? sender)
    {
        if (handingOff.Contains(shardId))
        {
            // Hosted here again, but the previous incarnation of the shard has not finished stopping.
            BufferMessage(shardId, message, sender);
            return;
        }
        if (!shards.TryGetValue(shardId, out var shard))
        {
            shard = StartShard(shardId);
            if (shard is null)
            {
                rejecter.Reject(message, sender, Self, new ShardDeliveryException($"shard {shardId} of {typeName} could not be started"));
                return;
            }
        }
        shard.Tell(message, sender);
    }

    private IActorRef? StartShard(string shardId)
    {
        IActorRef shard;
        try
        {
            var guard = locator as IEntityActivationGuard;
            var props = Props.Create(() => new Shard(typeName, shardId, entityProps, settings, extractor, handOffStopMessage, counters, rejecter, guard));
            shard = Context.ActorOf(props, EntityNames.Encode(shardId));
        }
        catch (Exception e)
        {
            Log.Error(e, "Could not start shard {ShardId} of {TypeName}", shardId, typeName);
            return null;
        }
        Context.Watch(shard);
        shards[shardId] = shard;
        shardIdByRef[shard] = shardId;
        return shard;
    }

    protected override void PreRestart(Exception reason, object? message)
    {
        // Not PostStop: the region lives on. What it buffered is lost with this instance, so say so now.
        RejectAllBuffered("the sharding region restarted after a failure");
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
    }

    protected override void PostStop()
    {
        RejectAllBuffered("the sharding region stopped");
        Log.Information("Sharding region {TypeName} stopped {Count} entities", typeName, entitiesStopped);
        onStopped(entitiesStopped);
    }
}
