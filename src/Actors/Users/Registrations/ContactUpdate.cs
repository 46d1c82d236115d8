using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// One Contact of a REGISTER as the registrar edge parsed it. The edge has already applied its expiry policy
/// (default, minimum with 423, maximum), so <see cref="ExpiresSeconds"/> is the granted value; 0 removes the binding.
/// </summary>
/// <param name="ContactUri">The Contact URI without header parameters.</param>
/// <param name="ExpiresSeconds">Granted expiry in seconds; 0 removes the binding.</param>
/// <param name="InstanceId">The <c>+sip.instance</c> parameter, if any.</param>
/// <param name="RegId">The <c>reg-id</c> parameter, if any.</param>
/// <param name="Q">The q parameter, 0..1, if any.</param>
/// <param name="Flow">The edge node and flow token holding the connection the REGISTER came in on.</param>
/// <param name="Path">Path header values (RFC 3327), empty when none.</param>
/// <param name="UserAgent">The User-Agent header, if any.</param>
public sealed record ContactUpdate(
    string ContactUri,
    int ExpiresSeconds,
    string? InstanceId,
    int? RegId,
    double? Q,
    EdgeEndpoint Flow,
    IReadOnlyList<string>? Path = null,
    string? UserAgent = null)
{
    /// <summary>The <c>*</c> contact of RFC 3261 §10.2.2 (remove all bindings).</summary>
    public const string Wildcard = "*";

    public bool IsWildcard => ContactUri == Wildcard;

    public string Key => SipBinding.KeyFor(ContactUri, InstanceId, RegId);
}
