namespace Cluster.Edges.Dns.SipLocation;

/// <summary>
/// Ordered targets for a URI, or why there are none. "No targets" is an expected outcome (unknown domain, no SIP
/// service) and the transaction layer answers it with a 503/404-style failure rather than an exception.
/// </summary>
public sealed record SipLocationResult(IReadOnlyList<SipTarget> Targets, string? Failure)
{
    public bool IsSuccess => Targets.Count > 0;

    internal static SipLocationResult Fail(string reason) => new([], reason);
}
