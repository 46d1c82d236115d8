using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Rtcp;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Media;

/// <summary>
/// Typed entry point of a node's media edge for in-process callers (the call entity on the same node, the node's
/// wiring and the shell). Starting it checks the port range against the kernel's ephemeral range before any socket
/// is opened, so a conflicting range stops the node with instructions instead of failing calls later. Remote callers
/// send the same messages (MediaMessages.cs) to <see cref="Manager"/>.
/// </summary>
public sealed class MediaEdge
{
    private readonly TimeSpan askTimeout;

    private MediaEdge(IActorRef manager, string nodeId, MediaSettings settings, System.Net.IPAddress mediaAddress, TimeSpan askTimeout)
    {
        Manager = manager;
        NodeId = nodeId;
        Settings = settings;
        MediaAddress = mediaAddress;
        this.askTimeout = askTimeout;
    }

    public IActorRef Manager { get; }

    public string NodeId { get; }

    public MediaSettings Settings { get; }

    /// <summary>The address rewritten SDP advertises.</summary>
    public System.Net.IPAddress MediaAddress { get; }

    /// <summary>
    /// Validates the settings, refuses a range that overlaps the ephemeral range (unless the check is off) and starts
    /// the slot manager as <c>/user/{name}</c>.
    /// </summary>
    /// <exception cref="MediaConfigurationException">The range overlaps the kernel's ephemeral range.</exception>
    public static MediaEdge Start(ActorSystem system, MediaSettings settings, string nodeId, string name = "media", TimeSpan? askTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (settings.EphemeralRangeCheck)
            EphemeralPortCheck.EnsureNoOverlapWithSystem(settings.PortRange);
        var address = MediaAddressResolver.Resolve(settings);
        var manager = system.ActorOf(MediaSlotManagerActor.Props(settings, nodeId, address), name);
        return new MediaEdge(manager, nodeId, settings, address, askTimeout ?? TimeSpan.FromSeconds(5));
    }

    /// <summary>Reserves a slot; on failure the result carries the reason and Retry-After for a 503.</summary>
    public async Task<MediaReservation> TryReserveAsync(string callId, string signallingNode, CancellationToken cancellationToken = default)
    {
        var reply = await Manager.Ask(new ReserveMediaSlot(callId, signallingNode), askTimeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            MediaSlotReserved reserved => new MediaReservation(reserved, null),
            MediaSlotUnavailable unavailable => new MediaReservation(null, unavailable),
            _ => throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} to ReserveMediaSlot"),
        };
    }

    /// <summary>Rewrites an offer from <paramref name="from"/> for the other leg; throws <see cref="Anchoring.SdpRewriteException"/> for a 488.</summary>
    public Task<string> RewriteOfferAsync(string callId, MediaLeg from, string sdp, CancellationToken cancellationToken = default) =>
        RewriteAsync(new RewriteSdp(callId, from, SdpKind.Offer, sdp), cancellationToken);

    /// <summary>Rewrites an answer from <paramref name="from"/> for the other leg; throws <see cref="Anchoring.SdpRewriteException"/> for a 488.</summary>
    public Task<string> RewriteAnswerAsync(string callId, MediaLeg from, string sdp, CancellationToken cancellationToken = default) =>
        RewriteAsync(new RewriteSdp(callId, from, SdpKind.Answer, sdp), cancellationToken);

    /// <summary>Transfer: the party on <paramref name="leg"/> is replaced; false when the call has no slot.</summary>
    public async Task<bool> ReplaceLegAsync(string callId, MediaLeg leg, CancellationToken cancellationToken = default) =>
        await Manager.Ask(new ReplaceMediaLeg(callId, leg), askTimeout, cancellationToken).ConfigureAwait(false) is MediaLegReplaced;

    /// <summary>Releases the call's slot and returns its final statistics; null when it had none (already released).</summary>
    public async Task<MediaSlotReleased?> ReleaseAsync(string callId, CancellationToken cancellationToken = default) =>
        await Manager.Ask(new ReleaseMediaSlot(callId), askTimeout, cancellationToken).ConfigureAwait(false) as MediaSlotReleased;

    /// <summary>Releases every slot whose call was signalled by <paramref name="nodeId"/>; returns how many.</summary>
    public async Task<int> ReleaseAllForNodeAsync(string nodeId, CancellationToken cancellationToken = default) =>
        (await Manager.Ask<MediaSlotsReleasedForNode>(new ReleaseAllMediaForNode(nodeId), askTimeout, cancellationToken).ConfigureAwait(false)).Count;

    public async Task<MediaStatisticsSnapshot?> GetStatisticsAsync(string callId, CancellationToken cancellationToken = default) =>
        await Manager.Ask(new GetMediaStatistics(callId), askTimeout, cancellationToken).ConfigureAwait(false) as MediaStatisticsSnapshot;

    public Task<MediaSlotUsage> GetUsageAsync(bool includeSlots, CancellationToken cancellationToken = default) =>
        Manager.Ask<MediaSlotUsage>(new GetMediaSlotUsage(includeSlots), askTimeout, cancellationToken);

    private async Task<string> RewriteAsync(RewriteSdp request, CancellationToken cancellationToken)
    {
        var reply = await Manager.Ask(request, askTimeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            SdpRewritten rewritten => rewritten.Sdp,
            SdpRewriteFailed failed => throw new Anchoring.SdpRewriteException(failed.Reason),
            _ => throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} to RewriteSdp"),
        };
    }
}
