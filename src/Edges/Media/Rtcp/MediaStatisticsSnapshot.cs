namespace Cluster.Edges.Media.Rtcp;

/// <summary>
/// Media figures of one call (both legs) for the call record and <c>uc</c>; <see cref="Verdict"/> compares them with
/// the VoIP-ready thresholds.
/// </summary>
public sealed record MediaStatisticsSnapshot(
    string CallId,
    MediaLegStatisticsSnapshot LegA,
    MediaLegStatisticsSnapshot LegB,
    MediaQualityVerdict Verdict)
{
    public MediaLegStatisticsSnapshot this[MediaLeg leg] => leg == MediaLeg.A ? LegA : LegB;
}
