namespace Cluster.Edges.Media.Rtcp;

/// <summary>Outcome of a <see cref="MediaQualityVerdict"/>.</summary>
public enum MediaQuality
{
    /// <summary>Not enough RTCP to judge (no reports, stale reports or no round-trip measurement).</summary>
    Unknown,

    /// <summary>Every measured figure within the thresholds on both legs.</summary>
    Good,

    /// <summary>At least one figure over its threshold.</summary>
    Poor,
}
