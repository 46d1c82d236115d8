using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// Hand-off (Akka's HandOffStopper folded into the shard): every running entity gets the type's hand-off stop
/// message; once all have terminated (or hand-off-timeout forced them) the shard gives the region what it still held
/// and stops.
/// </summary>
internal sealed partial class Shard
{
    private bool handingOff;
    private List<Envelope>? leftovers;
    private int handedOffCount;
    private bool handOffReported;

    private void BeginHandOff()
    {
        if (handingOff) return;
        handingOff = true;
        leftovers = [];
        Timers.Cancel(IdleCheck.Instance);
        // Buffers go first, before anything that arrives from now on: per entity they hold the oldest messages.
        foreach (var record in entities.Values.ToList())
        {
            if (record.Buffer is { } buffer)
            {
                leftovers.AddRange(buffer);
                buffered -= buffer.Count;
                record.Buffer = null;
            }
            switch (record.State)
            {
                case EntityState.Active:
                    StartPassivation(record, handOffStopMessage);
                    break;
                case EntityState.WaitingRestart:
                    Timers.Cancel(new RestartEntity(record.Id));
                    entities.Remove(record.Id);
                    break;
            }
        }
        Log.Debug("Handing off shard {ShardId} of {TypeName}: stopping {Count} entities", shardId, typeName, entities.Count);
        if (entities.Count == 0) FinishHandOff();
        else Timers.StartSingleTimer(HandOffTimedOut.Instance, HandOffTimedOut.Instance, settings.HandOffTimeout);
    }

    private void OnHandOffTimedOut()
    {
        if (!handingOff || entities.Count == 0) return;
        Log.Warning("{Count} entities of shard {ShardId} of {TypeName} did not stop within hand-off-timeout {Timeout} after {StopMessage}; stopping them",
            entities.Count, shardId, typeName, settings.HandOffTimeout, handOffStopMessage);
        foreach (var record in entities.Values)
            if (record.Ref is { } entity) Context.Stop(entity);
    }

    private void FinishHandOff()
    {
        Timers.Cancel(HandOffTimedOut.Instance);
        handOffReported = true;
        Context.Parent.Tell(new ShardHandOffDone(shardId, leftovers!, handedOffCount), Self);
        Context.Stop(Self);
    }
}
