using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>Rebalancing after membership changes, lease checks, fencing and graceful leave.</summary>
public sealed partial class ClusterShardLocator
{
    private Task? leaveTask;

    /// <summary>Runs a round whenever the view changes, and every <see cref="CheckInterval"/> for lease checks and settling members.</summary>
    private async Task RunAsync()
    {
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            Task signal;
            lock (gate) signal = changed.Task;
            try
            {
                Round();
            }
            catch (Exception e)
            {
                log.Error(e, "Cluster placement round failed; it runs again in {Interval}", CheckInterval);
            }
            await WaitAsync(signal, CheckInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One round for every type: stop shards whose lease this node no longer holds, hand off hosted shards that now
    /// belong elsewhere, and make the region forget homes elsewhere that are no longer right.
    /// </summary>
    private void Round()
    {
        var stops = new List<(TypePlacement Type, List<string> Shards, UniqueAddress Owner)>();
        var forget = new List<(IActorRef Region, string Shard)>();
        var handOffs = new List<(TypePlacement Type, string Shard, long Epoch, UniqueAddress Owner, List<UniqueAddress> Others)>();
        lock (gate)
        {
            if (fenced || disposed) return;
            foreach (var type in types.Values)
            {
                var lapsed = type.Hosted.Keys.Where(s => !membership.Leases.HoldsLease(type.TypeName, s)).ToList();
                foreach (var shardId in lapsed)
                {
                    type.Hosted.Remove(shardId);
                    log.Warning("Lease of shard {ShardId} of {TypeName} lapsed on this node; its entities stop now", shardId, type.TypeName);
                }
                if (lapsed.Count > 0) stops.Add((type, lapsed, self));

                var eligible = EligibleLocked(type.Settings.Role);
                var key = PlacementKey(eligible, leaving);
                if (key == type.LastPlacementKey && !type.Dirty) continue;
                type.LastPlacementKey = key;
                type.Dirty = false;
                foreach (var (shardId, epoch) in type.Hosted)
                {
                    if (type.HandingOff.Contains(shardId)) continue;
                    var owner = RendezvousHashing.Owner(ShardKey(type.TypeName, shardId), eligible);
                    if (!leaving && (owner is null || owner.UniqueAddress == self)) continue;
                    type.HandingOff.Add(shardId);
                    handOffs.Add((type, shardId, epoch, self, OtherLiveMembersLocked(type.Settings.Role)));
                }
                foreach (var (shardId, placedOn) in type.Remote.ToList())
                {
                    if (RendezvousHashing.Owner(ShardKey(type.TypeName, shardId), eligible)?.UniqueAddress == placedOn) continue;
                    type.Remote.Remove(shardId);
                    forget.Add((type.Region, shardId));
                }
            }
        }
        foreach (var (type, shards, owner) in stops) _ = StopLapsedAsync(type, shards, owner);
        foreach (var (region, shardId) in forget) _ = ForgetHomeAsync(region, shardId);
        foreach (var h in handOffs) _ = HandOffAsync(h.Type, h.Shard, h.Epoch, h.Owner, h.Others);
    }

    /// <summary>
    /// Shards whose lease this node can no longer vouch for (renewals failed): their entities stop at once; then the
    /// lease is given up in the database too, in case it is still there, so it is not renewed behind the shard's back.
    /// </summary>
    private async Task StopLapsedAsync(TypePlacement type, List<string> shards, UniqueAddress owner)
    {
        try
        {
            await type.Region.Ask<ShardsStopped>(new StopShards(shards, "the shard's lease lapsed on this node"), type.Settings.HandOffTimeout).ConfigureAwait(false);
            if (recorder is not null) await recorder.FlushAsync().WaitAsync(membership.Settings.OperationTimeout * 2).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Warning(e, "Shards {Shards} of {TypeName} did not confirm their stop after their lease lapsed", string.Join(", ", shards), type.TypeName);
            return;
        }
        foreach (var shardId in shards)
        {
            bool hostedAgain;
            lock (gate) hostedAgain = type.Hosted.ContainsKey(shardId);
            if (!hostedAgain) await ReleaseQuietlyAsync(type.TypeName, shardId, owner).ConfigureAwait(false);
        }
    }

    /// <summary>The region's cached home of a shard is wrong now: BeginHandOff makes it forget it and ask again.</summary>
    private async Task ForgetHomeAsync(IActorRef region, string shardId)
    {
        try
        {
            await region.Ask<BeginHandOffAck>(new BeginHandOff(shardId), CheckInterval * 20).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Debug(e, "Region {Region} did not confirm that it forgot the home of shard {ShardId}", region.Path.ToString(), shardId);
        }
    }

    /// <summary>
    /// Akka's hand-off of a shard hosted here: every region of the type forgets where it lives (so new messages wait
    /// for the new home), this region stops its entities with the hand-off stop message, the double-activation rows
    /// are deleted, and only then is the lease released for the new owner.
    /// </summary>
    private async Task HandOffAsync(TypePlacement type, string shardId, long epoch, UniqueAddress owner, List<UniqueAddress> others)
    {
        var done = false;
        try
        {
            log.Information("Handing shard {ShardId} of {TypeName} (lease epoch {Epoch}) to another node", shardId, type.TypeName, epoch);
            var settings = type.Settings;
            var acks = new List<Task>();
            foreach (var member in others)
            {
                if (ResolveRegion(member, type.TypeName) is { } region)
                    acks.Add(region.Ask<BeginHandOffAck>(new BeginHandOff(shardId), settings.ShardRegionQueryTimeout));
            }
            acks.Add(type.Region.Ask<BeginHandOffAck>(new BeginHandOff(shardId), settings.ShardRegionQueryTimeout));
            try
            {
                await Task.WhenAll(acks).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A region that does not answer learns of the move from its own membership view.
                log.Debug(e, "Not every region acknowledged BeginHandOff of shard {ShardId} of {TypeName}", shardId, type.TypeName);
            }
            await type.Region.Ask<ShardStopped>(new HandOff(shardId), settings.HandOffTimeout + settings.ShardRegionQueryTimeout).ConfigureAwait(false);
            if (recorder is not null) await recorder.FlushAsync().WaitAsync(membership.Settings.OperationTimeout * 2).ConfigureAwait(false);
            await membership.Leases.ReleaseAsync(type.TypeName, shardId, owner).ConfigureAwait(false);
            log.Information("Shard {ShardId} of {TypeName} handed off; lease epoch {Epoch} released", shardId, type.TypeName, epoch);
            done = true;
        }
        catch (Exception e)
        {
            log.Warning(e, "Hand-off of shard {ShardId} of {TypeName} did not complete; retried on the next round", shardId, type.TypeName);
        }
        finally
        {
            lock (gate)
            {
                type.HandingOff.Remove(shardId);
                if (done) type.Hosted.Remove(shardId);
                else type.Dirty = true;
                SignalLocked();
            }
        }
    }

    /// <summary>
    /// This node fenced itself: stop every hosted entity now, without hand-off (another node may take the shards as
    /// soon as this one is Down). Runs synchronously on membership's thread, so the stop is under way before
    /// <see cref="SelfFenced"/> has reached anyone else.
    /// </summary>
    private void OnFencedLocked(SelfFenced f)
    {
        fenced = true;
        foreach (var type in types.Values)
        {
            type.Region.Tell(new StopShards(null, $"this node fenced itself ({f.Reason})"), ActorRefs.NoSender);
            type.Hosted.Clear();
            type.LastPlacementKey = "";
        }
        log.Warning("Cluster placement: node {Self} fenced itself ({Reason}); every entity stops and messages for its shards wait for the rejoin", f.Self, f.Reason);
    }

    /// <summary>
    /// Coordinated shutdown: leave the cluster (once per node), give the other nodes time to see it, then hand off
    /// every shard of the type; returns when none is hosted here any more.
    /// </summary>
    async Task IRegionAwareShardLocator.BeforeRegionShutdownAsync(string typeName, CancellationToken cancellationToken)
    {
        if (disposed || fenced) return;
        Task leave;
        lock (gate)
        {
            if (!types.TryGetValue(typeName, out _)) return;
            leave = leaveTask ??= LeaveAsync();
        }
        await leave.WaitAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                var type = types[typeName];
                if (disposed || fenced || type.Hosted.Count == 0) break;
                signal = changed.Task;
            }
            await WaitAsync(signal, CheckInterval, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        log.Information("Cluster placement: every shard of {TypeName} handed off before shutdown", typeName);
    }

    private async Task LeaveAsync()
    {
        lock (gate) leaveRequested = true;
        try
        {
            if (membership.IsJoined && !membership.IsFenced) await membership.LeaveAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Warning(e, "Could not mark this node Leaving; its shards are handed off anyway");
        }
        // The others read the member table every leader-actions-interval: once they have seen this node Leaving they
        // stop routing its shards here, so the hand-offs below do not race with their stale views.
        await Task.Delay(SettleTime, time).ConfigureAwait(false);
        lock (gate)
        {
            leaving = true;
            SignalLocked();
        }
    }
}
