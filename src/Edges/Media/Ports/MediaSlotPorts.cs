namespace Cluster.Edges.Media.Ports;

/// <summary>The four ports of one slot: leg A RTP/RTCP at base/base+1, leg B RTP/RTCP at base+2/base+3 (RFC 3550 §11).</summary>
public readonly record struct MediaSlotPorts(int Index, int BasePort)
{
    public int RtpPort(MediaLeg leg) => BasePort + (leg == MediaLeg.A ? 0 : 2);

    public int RtcpPort(MediaLeg leg) => RtpPort(leg) + 1;

    public override string ToString() => $"{BasePort}-{BasePort + 3}";
}
