using System.Net;
using Cluster.Edges.Media.Anchoring;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Relay;
using Cluster.Edges.Media.Sdp;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Media;

/// <summary>
/// The media edge of one node: owns the port range's slots, their SDP sessions, the silence timer and the slots'
/// life cycle. Packets never pass through this mailbox: each slot's <see cref="MediaRelay"/> runs its own socket
/// loops; the actor only opens, configures, inspects and closes them.
/// </summary>
public sealed class MediaSlotManagerActor : ReceiveActor, IWithTimers
{
    private const string SilenceTimerKey = "silence";
    private readonly MediaSettings settings;
    private readonly string nodeId;
    private readonly IPAddress mediaAddress;
    private readonly MediaSlotPool pool;
    private readonly Dictionary<string, MediaSlot> slots = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public MediaSlotManagerActor(MediaSettings settings, string nodeId, IPAddress mediaAddress)
    {
        settings.Validate();
        this.settings = settings;
        this.nodeId = nodeId;
        this.mediaAddress = mediaAddress;
        pool = new MediaSlotPool(settings.PortRange);
        time = Context.System.Settings.TimeProvider;

        Receive<ReserveMediaSlot>(OnReserve);
        Receive<RewriteSdp>(OnRewrite);
        Receive<ReplaceMediaLeg>(OnReplaceLeg);
        Receive<ReleaseMediaSlot>(m =>
        {
            if (slots.TryGetValue(m.CallId, out var slot))
                Sender.Tell(Release(slot, MediaReleaseReason.CallEnded, notifyOwner: false));
            else
                Sender.Tell(new MediaSlotNotFound(m.CallId));
        });
        Receive<ReleaseAllMediaForNode>(m =>
        {
            var victims = slots.Values.Where(s => s.SignallingNode == m.NodeId).ToList();
            foreach (var slot in victims)
                Release(slot, MediaReleaseReason.SignallingNodeDown, notifyOwner: true);
            Log.Information("Released {Count} media slots of calls signalled by node {Node}", victims.Count, m.NodeId);
            Sender.Tell(new MediaSlotsReleasedForNode(m.NodeId, victims.Count));
        });
        Receive<GetMediaStatistics>(m => Sender.Tell(slots.TryGetValue(m.CallId, out var slot)
            ? slot.Statistics(time, settings)
            : new MediaSlotNotFound(m.CallId)));
        Receive<GetMediaSlotUsage>(m => Sender.Tell(Usage(m.IncludeSlots)));
        Receive<CheckSilence>(_ => OnCheckSilence());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the node's slot manager; <paramref name="mediaAddress"/> is what SDP advertises.</summary>
    public static Props Props(MediaSettings settings, string nodeId, IPAddress mediaAddress) =>
        Runtime.Kernel.Props.Create(() => new MediaSlotManagerActor(settings, nodeId, mediaAddress));

    protected override void PreStart() => Timers.StartPeriodicTimer(SilenceTimerKey, CheckSilence.Instance, settings.SilenceCheckInterval);

    protected override void PostStop()
    {
        foreach (var slot in slots.Values.ToList())
            Release(slot, MediaReleaseReason.Shutdown, notifyOwner: true);
    }

    private void OnReserve(ReserveMediaSlot m)
    {
        if (slots.TryGetValue(m.CallId, out var existing))
        {
            existing.Owner = Sender;
            Sender.Tell(Reserved(existing));
            return;
        }
        if (!pool.TryTake(ports => MediaRelay.Open(ports, settings, time, Log), out var relay, out var failure))
        {
            var message = failure == MediaReservationFailure.NoFreeSlot
                ? $"all {pool.Capacity} media slots of node {nodeId} ({settings.PortRange}) are in use"
                : $"no free media slot of node {nodeId} could bind its ports ({pool.BindFailures} bind failures so far); another process holds ports of {settings.PortRange}";
            Log.Warning("Call {CallId}: no media slot: {Reason}", m.CallId, message);
            Sender.Tell(new MediaSlotUnavailable(m.CallId, failure, message, settings.RetryAfter));
            return;
        }
        var slot = new MediaSlot(m.CallId, m.SignallingNode, Sender, new MediaSession(relay!.Ports, mediaAddress, settings.Ice), relay, time.GetTimestamp());
        slots.Add(m.CallId, slot);
        Log.Debug("Call {CallId}: media slot {Ports} reserved (signalling on {Node})", m.CallId, relay.Ports, m.SignallingNode);
        Sender.Tell(Reserved(slot));
    }

    private void OnRewrite(RewriteSdp m)
    {
        if (!slots.TryGetValue(m.CallId, out var slot))
        {
            Sender.Tell(new SdpRewriteFailed(m.CallId, $"no media slot is reserved for call {m.CallId}"));
            return;
        }
        if (!SdpParser.TryParse(m.Sdp, out var sdp, out var error))
        {
            Sender.Tell(new SdpRewriteFailed(m.CallId, error!.ToString()));
            return;
        }
        try
        {
            Sender.Tell(new SdpRewritten(m.CallId, slot.Rewrite(m.From, m.Kind, sdp!).ToString()));
        }
        catch (SdpRewriteException e)
        {
            Sender.Tell(new SdpRewriteFailed(m.CallId, e.Message));
        }
    }

    private void OnReplaceLeg(ReplaceMediaLeg m)
    {
        if (!slots.TryGetValue(m.CallId, out var slot))
        {
            Sender.Tell(new MediaSlotNotFound(m.CallId));
            return;
        }
        slot.ReplaceLeg(m.Leg);
        Log.Information("Call {CallId}: media leg {Leg} replaced (transfer), slot {Ports} kept", m.CallId, m.Leg, slot.Ports);
        Sender.Tell(new MediaLegReplaced(m.CallId, m.Leg));
    }

    private void OnCheckSilence()
    {
        var now = time.GetTimestamp();
        foreach (var slot in slots.Values.ToList())
        {
            var limit = slot.IsOnHold ? settings.HoldSilenceTimeout : settings.SilenceTimeout;
            if (limit == Timeout.InfiniteTimeSpan)
                continue;
            var idle = time.GetElapsedTime(slot.Relay.LastActivityTimestamp, now);
            if (idle >= limit)
            {
                Log.Information("Call {CallId}: media silent for {Idle}, releasing slot {Ports}", slot.CallId, idle, slot.Ports);
                Release(slot, MediaReleaseReason.SilenceTimeout, notifyOwner: true);
            }
        }
    }

    private MediaSlotReleased Release(MediaSlot slot, MediaReleaseReason reason, bool notifyOwner)
    {
        var released = new MediaSlotReleased(slot.CallId, reason, slot.Statistics(time, settings));
        slots.Remove(slot.CallId);
        // Closing the sockets is synchronous inside DisposeAsync; only the loops' exit is awaited in the background.
        var closing = slot.Relay.DisposeAsync().AsTask();
        pool.Return(slot.Ports);
        closing.ContinueWith(t => Log.Error(t.Exception, "Closing media slot {Ports} failed", slot.Ports), TaskContinuationOptions.OnlyOnFaulted);
        if (notifyOwner)
        {
            slot.Owner.Tell(released, Self);
            Context.System.EventStream.Publish(released);
        }
        return released;
    }

    private MediaSlotReserved Reserved(MediaSlot slot) => new(slot.CallId, nodeId, slot.Ports, mediaAddress);

    private MediaSlotUsage Usage(bool includeSlots)
    {
        var now = time.GetTimestamp();
        var list = includeSlots
            ? slots.Values.OrderBy(s => s.Ports.BasePort).Select(s => new MediaSlotInfo(
                s.CallId, s.SignallingNode, s.Ports, time.GetElapsedTime(s.ReservedAt, now),
                time.GetElapsedTime(s.Relay.LastActivityTimestamp, now), s.IsOnHold,
                s.Relay.LatchedSource(MediaLeg.A, rtcp: false)?.ToString(), s.Relay.LatchedSource(MediaLeg.B, rtcp: false)?.ToString(),
                s.Relay.Statistics(MediaLeg.A).Snapshot(time).RtpPacketsReceived, s.Relay.Statistics(MediaLeg.B).Snapshot(time).RtpPacketsReceived,
                s.Relay.Statistics(MediaLeg.A).HijackDrops + s.Relay.Statistics(MediaLeg.B).HijackDrops)).ToList()
            : [];
        return new MediaSlotUsage(nodeId, settings.PortRange, pool.Capacity, pool.Used, pool.Free, pool.BindFailures, list);
    }

    private sealed class CheckSilence
    {
        public static readonly CheckSilence Instance = new();
    }
}
