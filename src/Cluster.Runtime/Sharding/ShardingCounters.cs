namespace Cluster.Runtime.Sharding;

/// <summary>
/// The live counters behind <see cref="ShardingStatistics"/>, shared by a region and its shards. Updated with
/// interlocked increments because shards of one type run on different threads.
/// </summary>
internal sealed class ShardingCounters(string typeName)
{
    private long entitiesStarted;
    private long entitiesPassivated;
    private long entitiesPassivatedIdle;
    private long entitiesStoppedUnexpectedly;
    private long entitiesHandedOff;
    private long messagesDelivered;
    private long messagesBuffered;
    private long messagesDropped;

    public void EntityStarted() => Interlocked.Increment(ref entitiesStarted);
    public void EntityPassivated() => Interlocked.Increment(ref entitiesPassivated);
    public void EntityPassivatedIdle() => Interlocked.Increment(ref entitiesPassivatedIdle);
    public void EntityStoppedUnexpectedly() => Interlocked.Increment(ref entitiesStoppedUnexpectedly);
    public void EntityHandedOff() => Interlocked.Increment(ref entitiesHandedOff);
    public void MessageDelivered() => Interlocked.Increment(ref messagesDelivered);
    public void MessagesDelivered(int count) => Interlocked.Add(ref messagesDelivered, count);
    public void MessageBuffered() => Interlocked.Increment(ref messagesBuffered);
    public void MessageDropped() => Interlocked.Increment(ref messagesDropped);

    public ShardingStatistics Snapshot() => new(
        typeName,
        Interlocked.Read(ref entitiesStarted),
        Interlocked.Read(ref entitiesPassivated),
        Interlocked.Read(ref entitiesPassivatedIdle),
        Interlocked.Read(ref entitiesStoppedUnexpectedly),
        Interlocked.Read(ref entitiesHandedOff),
        Interlocked.Read(ref messagesDelivered),
        Interlocked.Read(ref messagesBuffered),
        Interlocked.Read(ref messagesDropped));
}
