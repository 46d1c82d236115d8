namespace Cluster.Edges.Media.Rtcp;

/// <summary>
/// Limits of the "VoIP-ready" verdict (the usual network readiness figures for telephony: one-way delay, jitter and
/// loss a codec without heroic concealment tolerates); <c>uc.media.quality.*</c>.
/// </summary>
public sealed record MediaQualityThresholds
{
    public TimeSpan MaxOneWayDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxJitter { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Loss in percent (0..100) of the last report interval.</summary>
    public double MaxLossPercent { get; init; } = 3.0;
}
