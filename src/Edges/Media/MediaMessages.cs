using System.Net;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Rtcp;

namespace Cluster.Edges.Media;

/// <summary>Commands the call entity (or the cluster layer) sends to <see cref="MediaSlotManagerActor"/>.</summary>
public interface IMediaCommand;

/// <summary>Queries answered by <see cref="MediaSlotManagerActor"/> without changing anything.</summary>
public interface IMediaQuery;

/// <summary>
/// Reserve a slot for a call whose signalling lives on <paramref name="SignallingNode"/>. Idempotent: a repeat for
/// a call that has a slot gets the same slot. Answer: <see cref="MediaSlotReserved"/> or <see cref="MediaSlotUnavailable"/>.
/// </summary>
public sealed record ReserveMediaSlot(string CallId, string SignallingNode) : IMediaCommand;

/// <summary>The slot of <paramref name="CallId"/>: its ports on <paramref name="MediaNode"/>, reachable at <paramref name="MediaAddress"/>.</summary>
public sealed record MediaSlotReserved(string CallId, string MediaNode, MediaSlotPorts Ports, IPAddress MediaAddress);

/// <summary>No slot: the call answers <see cref="SipStatus"/> (503) with a Retry-After of <paramref name="RetryAfter"/>.</summary>
public sealed record MediaSlotUnavailable(string CallId, MediaReservationFailure Reason, string Message, TimeSpan RetryAfter)
{
    public int SipStatus => 503;

    /// <summary>Whole seconds for the Retry-After header (RFC 3261 §20.33), at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>Rewrite an SDP offer or answer received from leg <paramref name="From"/> for the other leg. Answer: <see cref="SdpRewritten"/> or <see cref="SdpRewriteFailed"/>.</summary>
public sealed record RewriteSdp(string CallId, MediaLeg From, SdpKind Kind, string Sdp) : IMediaCommand;

/// <summary>The description to send to the other leg.</summary>
public sealed record SdpRewritten(string CallId, string Sdp);

/// <summary>The description cannot be anchored (or the call has no slot): the call answers 488 with <paramref name="Reason"/>.</summary>
public sealed record SdpRewriteFailed(string CallId, string Reason)
{
    public int SipStatus => 488;
}

/// <summary>Transfer: the party on <paramref name="Leg"/> is being replaced; the slot stays. Answer: <see cref="MediaLegReplaced"/> or <see cref="MediaSlotNotFound"/>.</summary>
public sealed record ReplaceMediaLeg(string CallId, MediaLeg Leg) : IMediaCommand;

public sealed record MediaLegReplaced(string CallId, MediaLeg Leg);

/// <summary>The call ended. Answer: <see cref="MediaSlotReleased"/> or <see cref="MediaSlotNotFound"/> (already released).</summary>
public sealed record ReleaseMediaSlot(string CallId) : IMediaCommand;

/// <summary>
/// A slot came back, with the call's final media statistics. Sent to whoever asked, and to the slot's owner (and
/// the event stream) when the media edge released it by itself (silence, node loss).
/// </summary>
public sealed record MediaSlotReleased(string CallId, MediaReleaseReason Reason, MediaStatisticsSnapshot Statistics);

/// <summary>The cluster layer saw <paramref name="NodeId"/> go down: release every slot whose signalling lived there.</summary>
public sealed record ReleaseAllMediaForNode(string NodeId) : IMediaCommand;

public sealed record MediaSlotsReleasedForNode(string NodeId, int Count);

/// <summary>No slot is reserved for <paramref name="CallId"/>.</summary>
public sealed record MediaSlotNotFound(string CallId);

/// <summary>Current statistics of one call. Answer: <see cref="MediaStatisticsSnapshot"/> or <see cref="MediaSlotNotFound"/>.</summary>
public sealed record GetMediaStatistics(string CallId) : IMediaQuery;

/// <summary>Slot usage of this node (for <c>uc rtp ports</c>). Answer: <see cref="MediaSlotUsage"/>.</summary>
public sealed record GetMediaSlotUsage(bool IncludeSlots) : IMediaQuery;

/// <summary>Used and free slots of one node, and optionally who uses them.</summary>
public sealed record MediaSlotUsage(string Node, MediaPortRange Range, int Capacity, int Used, int Free, long BindFailures, IReadOnlyList<MediaSlotInfo> Slots);

/// <summary>One used slot as the shell lists it.</summary>
public sealed record MediaSlotInfo(string CallId, string SignallingNode, MediaSlotPorts Ports, TimeSpan Age, TimeSpan Idle, bool OnHold,
    string? LatchedA, string? LatchedB, long PacketsA, long PacketsB, long HijackDrops);
