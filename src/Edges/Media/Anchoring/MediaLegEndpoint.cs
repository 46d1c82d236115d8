using System.Net;

namespace Cluster.Edges.Media.Anchoring;

/// <summary>
/// Where a leg's SDP says it receives media, as the relay needs it: RTP and RTCP destinations before latching, the
/// address the latch rule compares sources with, rtcp-mux, hold state and the RTP clock for jitter conversion.
/// </summary>
public sealed record MediaLegEndpoint(
    IPAddress? Address,
    int RtpPort,
    int RtcpPort,
    bool RtcpMux,
    SdpDirectionState Direction,
    int ClockRate)
{
    public IPEndPoint? Rtp => Address is null || RtpPort == 0 ? null : new IPEndPoint(Address, RtpPort);

    public IPEndPoint? Rtcp => Address is null || RtcpPort == 0 ? null : new IPEndPoint(Address, RtcpMux ? RtpPort : RtcpPort);
}
