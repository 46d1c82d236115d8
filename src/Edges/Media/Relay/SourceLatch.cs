using System.Net;
using Cluster.Edges.Media.Rtcp;

namespace Cluster.Edges.Media.Relay;

/// <summary>
/// Symmetric-RTP latch of one relay socket (RFC 4961 §2: send to where the peer sends from). Written only by that
/// socket's receive loop; the other leg's loop reads <see cref="Latched"/> as its destination. A latched address is
/// a private copy never mutated after publication, so readers need no lock. Reset requests from the slot manager
/// are applied by the loop at its next packet.
/// </summary>
internal sealed class SourceLatch
{
    private SocketAddress? latched;
    private uint ssrc;
    private long lastPacket;
    private int resetRequested;

    /// <summary>Where the latched source sends from, or null before the first accepted packet.</summary>
    public SocketAddress? Latched => Volatile.Read(ref latched);

    /// <summary>Forget the source (transfer, or a new SDP address); takes effect before the next packet is judged.</summary>
    public void RequestReset()
    {
        Volatile.Write(ref latched, null);
        Interlocked.Exchange(ref resetRequested, 1);
    }

    public LatchDecision Check(SocketAddress source, ReadOnlySpan<byte> packet, bool rtcp, long now, RelayLeg leg, MediaSettings settings, TimeProvider time)
    {
        if (Volatile.Read(ref resetRequested) == 1 && Interlocked.Exchange(ref resetRequested, 0) == 1)
        {
            Volatile.Write(ref latched, null);
            ssrc = 0;
        }

        var current = latched;
        if (current is not null && current.Equals(source))
        {
            lastPacket = now;
            return LatchDecision.Accept;
        }

        var valid = rtcp ? packet.Length >= 8 && packet[0] >> 6 == 2 : RtcpReader.LooksLikeRtp(packet);
        if (!valid)
            return current is null ? LatchDecision.Malformed : LatchDecision.Hijack;
        var packetSsrc = RtcpReader.SourceSsrc(packet, rtcp);
        if (current is not null)
        {
            // Hijack guard: only a source silent past the re-latch timeout may be replaced, and (by default) only by
            // a new stream.
            if (settings.RelatchTimeout == Timeout.InfiniteTimeSpan || time.GetElapsedTime(lastPacket, now) < settings.RelatchTimeout)
                return LatchDecision.Hijack;
            if (settings.RelatchRequiresSsrcChange && packetSsrc == ssrc)
                return LatchDecision.Hijack;
        }
        if (!leg.SourceAllowed(source))
            return LatchDecision.Hijack;
        Volatile.Write(ref latched, SourceAddress.Copy(source));
        ssrc = packetSsrc;
        lastPacket = now;
        return LatchDecision.Accept;
    }
}
