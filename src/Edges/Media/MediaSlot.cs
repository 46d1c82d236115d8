using Cluster.Edges.Media.Anchoring;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Relay;
using Cluster.Edges.Media.Rtcp;
using Cluster.Edges.Media.Sdp;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Media;

/// <summary>
/// One reserved slot: the call it belongs to (call id and the node holding the call's signalling, so a dead node's
/// slots can be found), its SDP session and its relay. Owned by <see cref="MediaSlotManagerActor"/>.
/// </summary>
public sealed class MediaSlot
{
    internal MediaSlot(string callId, string signallingNode, IActorRef owner, MediaSession session, MediaRelay relay, long reservedAt)
    {
        CallId = callId;
        SignallingNode = signallingNode;
        Owner = owner;
        Session = session;
        Relay = relay;
        ReservedAt = reservedAt;
    }

    public string CallId { get; }

    public string SignallingNode { get; }

    /// <summary>Who reserved the slot (the call entity); told when the slot is released for silence or node loss.</summary>
    public IActorRef Owner { get; internal set; }

    public MediaSlotPorts Ports => Session.Ports;

    public MediaSession Session { get; }

    public MediaRelay Relay { get; }

    public long ReservedAt { get; }

    /// <summary>Rewrites SDP from <paramref name="from"/> for the other leg and points the relay at the new endpoint.</summary>
    public SdpSession Rewrite(MediaLeg from, SdpKind kind, SdpSession sdp)
    {
        var output = Session.Rewrite(from, kind, sdp);
        Relay.SetEndpoint(MediaLeg.A, Session.Endpoint(MediaLeg.A));
        Relay.SetEndpoint(MediaLeg.B, Session.Endpoint(MediaLeg.B));
        return output;
    }

    /// <summary>Transfer: the party on <paramref name="leg"/> changes; its latches and SDP are forgotten, the ports stay.</summary>
    public void ReplaceLeg(MediaLeg leg)
    {
        Session.ReplaceLeg(leg);
        Relay.SetEndpoint(leg, null);
        Relay.ResetLatches(leg);
    }

    /// <summary>Either leg's last SDP put the stream on hold (sendonly, recvonly, inactive or c=0.0.0.0).</summary>
    public bool IsOnHold => Session.Endpoint(MediaLeg.A)?.Direction.IsHold == true || Session.Endpoint(MediaLeg.B)?.Direction.IsHold == true;

    public MediaStatisticsSnapshot Statistics(TimeProvider time, MediaSettings settings)
    {
        var legA = Relay.Statistics(MediaLeg.A).Snapshot(time);
        var legB = Relay.Statistics(MediaLeg.B).Snapshot(time);
        return new MediaStatisticsSnapshot(CallId, legA, legB, MediaQualityVerdict.Evaluate(legA, legB, settings.Quality, settings.RtcpInterval));
    }
}
