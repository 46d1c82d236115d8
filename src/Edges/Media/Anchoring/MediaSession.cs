using System.Net;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Sdp;

namespace Cluster.Edges.Media.Anchoring;

/// <summary>
/// SDP offer/answer rewriting of one anchored call (RFC 3264). SDP from one leg is rewritten for the other: the
/// anchored stream's c= address and port become the node's media address and the slot ports of the receiving leg,
/// other m-lines are disabled (port 0: one slot carries one RTP/RTCP pair per leg), ICE is stripped or passed, and
/// the o= line is the anchor's own per receiving leg, whose version grows by exactly one when what that leg receives
/// changes (RFC 3264 §8). The received values are kept per leg so that <see cref="Restore"/> can give them back
/// (un-anchoring, diagnostics). Not thread-safe: owned by the slot manager actor.
/// </summary>
public sealed class MediaSession(MediaSlotPorts ports, IPAddress mediaAddress, IcePolicy icePolicy)
{
    private readonly LegState a = new();
    private readonly LegState b = new();

    /// <summary>Index of the anchored m-line, fixed by the first description (RFC 3264 §8: m-lines never move).</summary>
    public int? AnchoredIndex { get; private set; }

    public MediaSlotPorts Ports { get; } = ports;

    public IPAddress MediaAddress { get; } = mediaAddress;

    /// <summary>Where <paramref name="leg"/> receives media per its last SDP (rtcp-mux only when both legs agreed).</summary>
    public MediaLegEndpoint? Endpoint(MediaLeg leg)
    {
        var state = State(leg);
        if (state.Endpoint is not { } endpoint)
            return null;
        var otherMux = State(Other(leg)).OfferedMux;
        return otherMux is null || otherMux.Value ? endpoint : endpoint with { RtcpMux = false };
    }

    /// <summary>The origin the anchor last sent to <paramref name="leg"/>, or null before the first description.</summary>
    public SdpOrigin? OriginSentTo(MediaLeg leg) => State(leg).OutboundOrigin;

    /// <summary>
    /// Rewrites a description received from <paramref name="from"/> for the other leg. Hold, resume and re-INVITEs
    /// use the same slot ports; only the direction attributes and the o= version change.
    /// </summary>
    /// <exception cref="SdpRewriteException">No audio stream, or an answer whose m-lines do not match the offer.</exception>
    public SdpSession Rewrite(MediaLeg from, SdpKind kind, SdpSession input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var to = Other(from);
        var source = State(from);
        var target = State(to);
        if (kind == SdpKind.Answer && source.PendingOfferMediaCount is { } offered && offered != input.Media.Count)
            throw new SdpRewriteException($"the answer has {input.Media.Count} m-lines but the offer had {offered} (RFC 3264 §6)");

        var index = AnchoredIndex ?? FindAnchorable(input);
        if (index is { } i && i >= input.Media.Count)
            throw new SdpRewriteException($"the description has {input.Media.Count} m-lines; the anchored stream was m-line {i + 1} (RFC 3264 §8: m-lines are never removed)");
        if (index is null && input.Media.Any(m => m.Port != 0))
            throw new SdpRewriteException("no audio RTP stream to anchor");

        var output = input.Clone();
        var original = new Original(input);
        var receiving = new SdpConnection("IN", SdpConnection.For(MediaAddress).AddressType, MediaAddress.ToString());
        if (output.Connection is { IsLegacyHold: false })
            output.Connection = receiving;
        for (var m = 0; m < output.Media.Count; m++)
        {
            var media = output.Media[m];
            if (media.Port == 0)
                continue;
            if (m != index)
            {
                media.Port = 0; // RFC 3264 §5.1/§6: a stream the anchor cannot carry is disabled/rejected
                continue;
            }
            media.Port = Ports.RtpPort(to);
            media.PortCount = null;
            if (media.Connection is { IsLegacyHold: false })
                media.Connection = receiving;
            var rtcpAt = media.Attributes.FindIndex(x => x.Name == "rtcp");
            if (rtcpAt >= 0)
            {
                // RFC 3605 §2.1: a=rtcp:<port> [<nettype> <addrtype> <address>]
                var hasAddress = media.TryGetRtcp(out _, out var rtcpAddress) && rtcpAddress is not null;
                media.Attributes[rtcpAt] = new SdpAttribute("rtcp", hasAddress
                    ? $"{Ports.RtcpPort(to)} {receiving}"
                    : Ports.RtcpPort(to).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        if (icePolicy == IcePolicy.Strip)
        {
            original.StripIce(-1, output.Attributes);
            for (var m = 0; m < output.Media.Count; m++)
                original.StripIce(m, output.Media[m].Attributes);
        }

        // RFC 3264 §8: same origin for the whole session, version + 1 only when the description changed.
        var placeholder = target.OutboundOrigin ?? new SdpOrigin(input.Origin.Username, input.Origin.SessionId, input.Origin.SessionVersion,
            "IN", receiving.AddressType, receiving.Address);
        output.Origin = placeholder with { SessionVersion = 0 };
        var body = output.ToString();
        var origin = target.OutboundOrigin is null ? placeholder
            : body == target.LastSentBody ? placeholder
            : placeholder with { SessionVersion = placeholder.SessionVersion + 1 };
        output.Origin = origin;
        target.OutboundOrigin = origin;
        target.LastSentBody = body;
        target.PendingOfferMediaCount = kind == SdpKind.Offer ? output.Media.Count : null;
        if (kind == SdpKind.Answer)
            source.PendingOfferMediaCount = null;

        AnchoredIndex ??= index;
        source.Received = original;
        if (index is { } anchored)
        {
            var media = input.Media[anchored];
            source.OfferedMux = media.RtcpMux;
            var connection = input.ConnectionOf(anchored);
            var address = connection is { IsLegacyHold: false } ? connection.IpAddress : null;
            var rtcpPort = media.TryGetRtcp(out var port, out _) ? port : media.Port + 1;
            source.Endpoint = media.Port == 0 ? null
                : new MediaLegEndpoint(address, media.Port, rtcpPort, media.RtcpMux,
                    new SdpDirectionState(input.EffectiveDirection(anchored), connection?.IsLegacyHold == true), media.ClockRate());
        }
        return output;
    }

    /// <summary>
    /// Puts the values last received from <paramref name="from"/> back into a description the anchor produced from
    /// it: o= line, c= addresses, ports, a=rtcp and any stripped ICE attributes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing was received from that leg yet.</exception>
    public SdpSession Restore(MediaLeg from, SdpSession anchored)
    {
        ArgumentNullException.ThrowIfNull(anchored);
        var original = State(from).Received ?? throw new InvalidOperationException($"no SDP was received from leg {from}");
        if (anchored.Media.Count != original.Ports.Length)
            throw new InvalidOperationException($"the description has {anchored.Media.Count} m-lines but leg {from} sent {original.Ports.Length}");
        var output = anchored.Clone();
        output.Origin = original.Origin;
        output.Connection = original.SessionConnection;
        for (var m = 0; m < output.Media.Count; m++)
        {
            var media = output.Media[m];
            media.Port = original.Ports[m];
            media.PortCount = original.PortCounts[m];
            media.Connection = original.MediaConnections[m];
            var rtcpAt = media.Attributes.FindIndex(x => x.Name == "rtcp");
            if (rtcpAt >= 0 && original.RtcpAttributes[m] is { } rtcp)
                media.Attributes[rtcpAt] = rtcp;
        }
        foreach (var (level, position, attribute) in original.StrippedIce)
        {
            var list = level < 0 ? output.Attributes : output.Media[level].Attributes;
            list.Insert(Math.Min(position, list.Count), attribute);
        }
        return output;
    }

    /// <summary>
    /// A transfer replaced the party on <paramref name="leg"/>: forget its SDP and what was sent to it (the new party
    /// starts a new SDP session), but keep the origin towards the other leg so that it sees the same session with a
    /// higher version (RFC 3264 §8). The slot ports stay.
    /// </summary>
    public void ReplaceLeg(MediaLeg leg)
    {
        var state = State(leg);
        state.Received = null;
        state.Endpoint = null;
        state.OfferedMux = null;
        state.OutboundOrigin = null;
        state.LastSentBody = null;
        state.PendingOfferMediaCount = null;
    }

    private static int? FindAnchorable(SdpSession input)
    {
        for (var m = 0; m < input.Media.Count; m++)
        {
            var media = input.Media[m];
            if (media.Port != 0 && media.Media == "audio" && media.IsRtp)
                return m;
        }
        return null;
    }

    private LegState State(MediaLeg leg) => leg == MediaLeg.A ? a : b;

    private static MediaLeg Other(MediaLeg leg) => leg == MediaLeg.A ? MediaLeg.B : MediaLeg.A;

    private sealed class LegState
    {
        public Original? Received;
        public MediaLegEndpoint? Endpoint;
        public bool? OfferedMux;
        public SdpOrigin? OutboundOrigin;
        public string? LastSentBody;
        public int? PendingOfferMediaCount;
    }

    private sealed class Original(SdpSession input)
    {
        public SdpOrigin Origin { get; } = input.Origin;
        public SdpConnection? SessionConnection { get; } = input.Connection;
        public int[] Ports { get; } = [.. input.Media.Select(m => m.Port)];
        public int?[] PortCounts { get; } = [.. input.Media.Select(m => m.PortCount)];
        public SdpConnection?[] MediaConnections { get; } = [.. input.Media.Select(m => m.Connection)];
        public SdpAttribute?[] RtcpAttributes { get; } = [.. input.Media.Select(m => m.Attribute("rtcp"))];
        public List<(int Level, int Position, SdpAttribute Attribute)> StrippedIce { get; } = [];

        public void StripIce(int level, List<SdpAttribute> attributes)
        {
            for (var i = 0; i < attributes.Count; i++)
            {
                if (attributes[i].IsIce)
                    StrippedIce.Add((level, i, attributes[i]));
            }
            attributes.RemoveAll(x => x.IsIce);
        }
    }
}
