namespace Cluster.Edges.Media.Rtcp;

/// <summary>
/// One leg's media figures at a point in time, as stored in the call record: packets relayed, drops by cause and
/// the RTCP-reported quality (null until the endpoint sent a report).
/// </summary>
public sealed record MediaLegStatisticsSnapshot(
    long RtpPacketsReceived,
    long RtcpPacketsReceived,
    long BytesReceived,
    long PacketsSent,
    long BytesSent,
    long HijackDrops,
    long NoDestinationDrops,
    long MalformedDrops,
    int Reports,
    double? JitterMs,
    double MaxJitterMs,
    double? LossPercent,
    double MaxLossPercent,
    int CumulativeLost,
    double? RoundTripMs,
    double MaxRoundTripMs,
    TimeSpan? LastReportAge)
{
    public static MediaLegStatisticsSnapshot Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, null, 0, 0, null, 0, null);

    /// <summary>One-way delay estimated as half the round trip.</summary>
    public double? OneWayDelayMs => RoundTripMs / 2;
}
