namespace Cluster.Edges.Web;

/// <summary>
/// What one readiness check found. A load balancer only needs ready/not ready; the reason is for the operator who
/// reads the 503 body of <c>/ready</c>.
/// </summary>
/// <param name="Ready">True when this part of the node can take traffic.</param>
/// <param name="Reason">Why not, when <paramref name="Ready"/> is false.</param>
public sealed record ReadinessResult(bool Ready, string? Reason = null)
{
    /// <summary>A passing result.</summary>
    public static ReadinessResult Healthy { get; } = new(true);

    /// <summary>A failing result with the reason shown in <c>/ready</c>.</summary>
    public static ReadinessResult NotReady(string reason) => new(false, reason);
}
