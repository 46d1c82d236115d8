using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// One shard of an entity type on this node (Akka's Shard): parent and supervisor of the shard's entities, which it
/// starts on their first message, passivates (on request or when idle), restarts with their buffered messages, and
/// stops all at once when the shard is handed off. Child of its <see cref="ShardRegion"/>, which sends it every
/// message for its entities with the original sender, so per-sender order holds end to end.
/// </summary>
/// <remarks>Entity lifecycle: see <see cref="EntityState"/>. Split by concern: delivery here, lifecycle in
/// Shard.Lifecycle.cs, hand-off in Shard.HandOff.cs.</remarks>
internal sealed partial class Shard : ActorBase, IWithTimers
{
    private readonly string typeName;
    private readonly string shardId;
    private readonly Func<string, Props> entityProps;
    private readonly ClusterShardingSettings settings;
    private readonly IMessageExtractor extractor;
    private readonly object handOffStopMessage;
    private readonly ShardingCounters counters;
    private readonly MessageRejecter rejecter;
    private readonly TimeProvider time;
    private readonly bool trackActivity;
    private readonly Dictionary<string, EntityRecord> entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> idByRef = new();
    private readonly IEntityActivationGuard? guard;
    private int buffered;

    public Shard(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings,
        IMessageExtractor extractor, object handOffStopMessage, ShardingCounters counters, MessageRejecter rejecter,
        IEntityActivationGuard? guard = null)
    {
        this.guard = guard;
        this.typeName = typeName;
        this.shardId = shardId;
        this.entityProps = entityProps;
        this.settings = settings;
        this.extractor = extractor;
        this.handOffStopMessage = handOffStopMessage;
        this.counters = counters;
        this.rejecter = rejecter;
        time = Context.System.Scheduler.TimeProvider;
        trackActivity = settings.PassivateIdleEntityAfter is not null;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override SupervisorStrategy SupervisorStrategy() => settings.EntitySupervisorStrategy;

    protected override void PreStart()
    {
        if (settings.PassivateIdleEntityAfter is { } idle)
        {
            // Akka checks at half the idle time: an entity is passivated between idle and 1.5 × idle after its last message.
            var interval = idle / 2 > TimeSpan.Zero ? idle / 2 : idle;
            Timers.StartPeriodicTimer(IdleCheck.Instance, IdleCheck.Instance, interval);
        }
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated t:
                OnEntityTerminated(t.ActorRef);
                return true;
            case Passivate p:
                OnPassivate(Sender, p.StopMessage);
                return true;
            case IdleCheck:
                PassivateIdleEntities();
                return true;
            case RestartEntity r:
                OnRestartBackoffElapsed(r.EntityId);
                return true;
            case HandOffShard:
                BeginHandOff();
                return true;
            case HandOffTimedOut:
                OnHandOffTimedOut();
                return true;
            case GetShardState:
                Sender.Tell(new ShardStateReply(shardId, RunningEntityIds()), Self);
                return true;
            case IsEntityActive q:
                Sender.Tell(new EntityActiveReply(q.EntityId, entities.TryGetValue(q.EntityId, out var known) && known.Ref is not null), Self);
                return true;
            default:
                Deliver(message, Sender);
                return true;
        }
    }

    /// <summary>Routes a message from the region to its entity, starting or buffering as the entity's state requires.</summary>
    private void Deliver(object message, IActorRef? sender)
    {
        if (handingOff)
        {
            // Only messages that were already in the mailbox when the hand-off began get here; the region re-routes them.
            leftovers!.Add(new Envelope(message, sender));
            return;
        }
        string? entityId;
        try
        {
            entityId = extractor.EntityId(message);
        }
        catch (Exception e)
        {
            rejecter.Reject(message, sender, Self, new ShardDeliveryException($"the extractor of {typeName} failed on {message.GetType().FullName}: {e.Message}", e));
            return;
        }
        if (string.IsNullOrEmpty(entityId))
        {
            rejecter.Reject(message, sender, Self, new ShardDeliveryException($"a {message.GetType().FullName} names no entity of {typeName}"));
            return;
        }
        if (!entities.TryGetValue(entityId, out var record))
        {
            record = StartEntity(entityId, message, sender);
            if (record is null) return;
        }
        if (record.State == EntityState.Active)
            DeliverTo(record, message, sender);
        else
            BufferFor(record, message, sender);
    }

    private void DeliverTo(EntityRecord record, object message, IActorRef? sender)
    {
        object payload;
        try
        {
            payload = extractor.EntityMessage(message);
        }
        catch (Exception e)
        {
            rejecter.Reject(message, sender, Self, new ShardDeliveryException($"the extractor of {typeName} failed to unwrap a {message.GetType().FullName}: {e.Message}", e));
            return;
        }
        if (trackActivity) record.LastActivity = time.GetTimestamp();
        record.Ref!.Tell(payload, sender);
        counters.MessageDelivered();
    }

    private void BufferFor(EntityRecord record, object message, IActorRef? sender)
    {
        if (buffered >= settings.BufferSize)
        {
            rejecter.Reject(message, sender, Self, new ShardBufferFullException(
                $"shard {shardId} of {typeName} already buffers {buffered} messages for stopping entities (buffer-size); entity {record.Id} is {record.State}"));
            return;
        }
        (record.Buffer ??= new Queue<Envelope>()).Enqueue(new Envelope(message, sender));
        buffered++;
        counters.MessageBuffered();
    }

    /// <summary>Starts a new entity for the message that names it; on failure rejects that message and returns null.</summary>
    private EntityRecord? StartEntity(string entityId, object message, IActorRef? sender)
    {
        var record = new EntityRecord(entityId);
        if (TryStartIncarnation(record, out var failure))
        {
            entities[entityId] = record;
            return record;
        }
        rejecter.Reject(message, sender, Self, new ShardDeliveryException($"entity {entityId} of {typeName} could not be started: {failure!.Message}", failure));
        return null;
    }

    /// <summary>Creates and watches a child for <paramref name="record"/> and marks it Active.</summary>
    private bool TryStartIncarnation(EntityRecord record, out Exception? failure)
    {
        if (guard is not null && !guard.MayActivate(typeName, shardId, out var refusal))
        {
            failure = new ShardDeliveryException($"shard {shardId} of {typeName} may not start entities here now: {refusal}");
            return false;
        }
        IActorRef entity;
        try
        {
            entity = Context.ActorOf(entityProps(record.Id).WithLogProperty("EntityId", record.Id), EntityNames.Encode(record.Id));
        }
        catch (Exception e)
        {
            Log.Error(e, "Could not start entity {EntityId} of {TypeName} in shard {ShardId}", record.Id, typeName, shardId);
            failure = e;
            return false;
        }
        Context.Watch(entity);
        record.Ref = entity;
        record.State = EntityState.Active;
        record.LastActivity = trackActivity ? time.GetTimestamp() : 0;
        idByRef[entity] = record.Id;
        counters.EntityStarted();
        guard?.EntityActivated(typeName, shardId, record.Id);
        failure = null;
        return true;
    }

    private List<string> RunningEntityIds()
    {
        var ids = new List<string>(entities.Count);
        foreach (var record in entities.Values)
            if (record.Ref is not null) ids.Add(record.Id);
        return ids;
    }

    protected override void PostStop()
    {
        // Reached without a completed hand-off only when the region itself stops or fails: whatever is still
        // buffered here is undeliverable, and must be seen as such.
        // Entities stopped together with the shard: their Terminated was never handled, so report them here.
        if (guard is not null)
            foreach (var id in idByRef.Values) guard.EntityDeactivated(typeName, shardId, id);
        var undelivered = 0;
        foreach (var record in entities.Values)
        {
            if (record.Buffer is null) continue;
            foreach (var e in record.Buffer)
            {
                rejecter.Reject(e.Message, e.Sender, Self, new ShardDeliveryException($"shard {shardId} of {typeName} stopped before entity {record.Id} could take the message"));
                undelivered++;
            }
            record.Buffer = null;
        }
        if (leftovers is { Count: > 0 } && !handOffReported)
        {
            foreach (var e in leftovers)
            {
                rejecter.Reject(e.Message, e.Sender, Self, new ShardDeliveryException($"shard {shardId} of {typeName} stopped during a hand-off"));
                undelivered++;
            }
            leftovers.Clear();
        }
        if (undelivered > 0)
            Log.Warning("Shard {ShardId} of {TypeName} stopped with {Count} undelivered messages; they were rejected", shardId, typeName, undelivered);
    }

    /// <summary>Timer payload: look for idle entities.</summary>
    private sealed class IdleCheck
    {
        public static readonly IdleCheck Instance = new();
        private IdleCheck() { }
    }

    /// <summary>Timer payload: entity-restart-backoff of one entity has passed.</summary>
    private sealed record RestartEntity(string EntityId);

    /// <summary>Timer payload: hand-off-timeout has passed.</summary>
    private sealed class HandOffTimedOut
    {
        public static readonly HandOffTimedOut Instance = new();
        private HandOffTimedOut() { }
    }
}
