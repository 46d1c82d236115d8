using Cluster.Edges.Media.Rtcp;

namespace Cluster.Edges.Media.Shell;

/// <summary>
/// What the <c>rtp</c> palette reads. The node wiring decides the reach: <see cref="ForLocal"/> asks this node's
/// media edge; a cluster-wide binding can ask every member's slot manager and return one usage per node.
/// </summary>
public sealed record MediaPaletteBindings(
    Func<bool, CancellationToken, Task<IReadOnlyList<MediaSlotUsage>>> GetUsage,
    Func<string, CancellationToken, Task<MediaStatisticsSnapshot?>> GetStatistics)
{
    public static MediaPaletteBindings ForLocal(MediaEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return new MediaPaletteBindings(
            async (includeSlots, ct) => [await edge.GetUsageAsync(includeSlots, ct).ConfigureAwait(false)],
            edge.GetStatisticsAsync);
    }
}
