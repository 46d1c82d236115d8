using System.Globalization;

namespace Cluster.Edges.Media.Rtcp;

/// <summary>
/// Whether a call's media met the VoIP-ready thresholds (one-way delay = RTT/2, jitter, loss) on both legs, and if
/// not, why. A leg without RTCP (or whose last report is older than three report intervals) makes the verdict
/// <see cref="MediaQuality.Unknown"/>: absence of evidence is not good quality.
/// </summary>
public sealed record MediaQualityVerdict(MediaQuality Quality, IReadOnlyList<string> Reasons)
{
    public bool IsVoipReady => Quality == MediaQuality.Good;

    /// <summary>Judges both legs; the worst one decides (Poor beats Unknown beats Good).</summary>
    public static MediaQualityVerdict Evaluate(MediaLegStatisticsSnapshot legA, MediaLegStatisticsSnapshot legB, MediaQualityThresholds thresholds, TimeSpan rtcpInterval)
    {
        var reasons = new List<string>();
        var unknown = false;
        Judge("A", legA);
        Judge("B", legB);
        var quality = reasons.Count > 0 ? MediaQuality.Poor : unknown ? MediaQuality.Unknown : MediaQuality.Good;
        return new MediaQualityVerdict(quality, reasons);

        void Judge(string name, MediaLegStatisticsSnapshot leg)
        {
            if (leg.Reports == 0 || leg.LastReportAge is not { } age || age > rtcpInterval * 3)
            {
                unknown = true;
                return;
            }
            if (leg.OneWayDelayMs is { } delay && delay > thresholds.MaxOneWayDelay.TotalMilliseconds)
                reasons.Add(Format($"leg {name}: one-way delay {delay:0.#} ms > {thresholds.MaxOneWayDelay.TotalMilliseconds:0.#} ms"));
            if (leg.JitterMs is { } jitter && jitter > thresholds.MaxJitter.TotalMilliseconds)
                reasons.Add(Format($"leg {name}: jitter {jitter:0.#} ms > {thresholds.MaxJitter.TotalMilliseconds:0.#} ms"));
            if (leg.LossPercent is { } loss && loss > thresholds.MaxLossPercent)
                reasons.Add(Format($"leg {name}: loss {loss:0.##} % > {thresholds.MaxLossPercent:0.##} %"));
            if (leg.RoundTripMs is null)
                unknown = true; // jitter and loss known, delay not (no SR was echoed yet)
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
