using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>Passivation, idle passivation, termination and restart of entities (see <see cref="EntityState"/>).</summary>
internal sealed partial class Shard
{
    private void OnPassivate(IActorRef entity, object stopMessage)
    {
        if (!idByRef.TryGetValue(entity, out var id) || !entities.TryGetValue(id, out var record))
        {
            Log.Warning("Passivate from {Sender}, which is not an entity of shard {ShardId} of {TypeName}; ignored", entity.Path.ToString(), shardId, typeName);
            return;
        }
        // During a hand-off every entity has already been told to stop; a second stop message would only dead-letter.
        if (handingOff || record.State != EntityState.Active) return;
        StartPassivation(record, stopMessage);
    }

    private void StartPassivation(EntityRecord record, object stopMessage)
    {
        record.State = EntityState.Passivating;
        record.Ref!.Tell(stopMessage, Self);
    }

    private void PassivateIdleEntities()
    {
        if (handingOff || settings.PassivateIdleEntityAfter is not { } idleAfter) return;
        var now = time.GetTimestamp();
        List<EntityRecord>? idle = null;
        foreach (var record in entities.Values)
        {
            if (record.State == EntityState.Active && time.GetElapsedTime(record.LastActivity, now) >= idleAfter)
                (idle ??= []).Add(record);
        }
        if (idle is null) return;
        Log.Debug("Passivating {Count} entities of shard {ShardId} of {TypeName} idle for {IdleAfter}", idle.Count, shardId, typeName, idleAfter);
        foreach (var record in idle)
        {
            counters.EntityPassivatedIdle();
            StartPassivation(record, handOffStopMessage);
        }
    }

    private void OnEntityTerminated(IActorRef entity)
    {
        if (!idByRef.Remove(entity, out var id)) return;
        guard?.EntityDeactivated(typeName, shardId, id);
        if (!entities.TryGetValue(id, out var record) || record.Ref is null || !record.Ref.Equals(entity))
            return;
        record.Ref = null;
        if (handingOff)
        {
            entities.Remove(id);
            counters.EntityHandedOff();
            handedOffCount++;
            if (entities.Count == 0) FinishHandOff();
            return;
        }
        if (record.State == EntityState.Passivating)
        {
            counters.EntityPassivated();
            if (record.BufferedCount == 0) entities.Remove(id);
            else RestartWithBuffer(record);
            return;
        }
        counters.EntityStoppedUnexpectedly();
        if (settings.EntityRestartBackoff is { } backoff)
        {
            Log.Debug("Entity {EntityId} of {TypeName} stopped without passivating; next start in {Backoff} at the earliest", id, typeName, backoff);
            record.State = EntityState.WaitingRestart;
            var tick = new RestartEntity(id);
            Timers.StartSingleTimer(tick, tick, backoff);
        }
        else
        {
            Log.Debug("Entity {EntityId} of {TypeName} stopped without passivating; its next message starts it again", id, typeName);
            entities.Remove(id);
        }
    }

    private void OnRestartBackoffElapsed(string entityId)
    {
        if (handingOff || !entities.TryGetValue(entityId, out var record) || record.State != EntityState.WaitingRestart) return;
        if (record.BufferedCount == 0) entities.Remove(entityId);
        else RestartWithBuffer(record);
    }

    /// <summary>Starts a new incarnation and hands it the messages that waited, in arrival order, before anything newer.</summary>
    private void RestartWithBuffer(EntityRecord record)
    {
        var pending = record.Buffer!;
        record.Buffer = null;
        buffered -= pending.Count;
        if (!TryStartIncarnation(record, out var failure))
        {
            entities.Remove(record.Id);
            foreach (var e in pending)
                rejecter.Reject(e.Message, e.Sender, Self, new ShardDeliveryException($"entity {record.Id} of {typeName} could not be restarted: {failure!.Message}", failure));
            return;
        }
        foreach (var e in pending) DeliverTo(record, e.Message, e.Sender);
    }
}
