using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// A registered contact of the user (RFC 3261 §10), as last journaled. Refreshes that only extend the expiry are kept
/// in <see cref="UserEphemeralState.BindingRefreshes"/> instead, so <see cref="ExpiresAt"/> and <see cref="CSeq"/> here
/// may be older than the live values; use <see cref="UserState.LiveBindings"/> for those.
/// </summary>
/// <param name="Key">Identity of the binding: <c>instance|reg-id</c> under RFC 5626 §6, otherwise the contact URI.</param>
/// <param name="ContactUri">The Contact URI to send requests to.</param>
/// <param name="InstanceId">The <c>+sip.instance</c> value (RFC 5626 §4.1), if any.</param>
/// <param name="RegId">The <c>reg-id</c> value (RFC 5626 §4.2), if any.</param>
/// <param name="Q">The contact's q-value, 0..1 (RFC 3261 §10.2.1.2); null when the client gave none.</param>
/// <param name="ExpiresAt">When the binding lapses unless refreshed.</param>
/// <param name="CallId">Call-ID of the REGISTER that last wrote it (RFC 3261 §10.3 step 7).</param>
/// <param name="CSeq">CSeq number of that REGISTER.</param>
/// <param name="Flow">The edge node and flow token holding the client's connection (RFC 5626 flow).</param>
/// <param name="Path">Path header values (RFC 3327), in order; empty when none.</param>
/// <param name="UserAgent">The User-Agent header, if any.</param>
/// <param name="RegisteredAt">When the binding was first added.</param>
public sealed record SipBinding(
    string Key,
    string ContactUri,
    string? InstanceId,
    int? RegId,
    double? Q,
    DateTimeOffset ExpiresAt,
    string CallId,
    long CSeq,
    EdgeEndpoint Flow,
    IReadOnlyList<string> Path,
    string? UserAgent,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The binding identity RFC 5626 §6 prescribes: instance and reg-id when both are present, else the URI.</summary>
    public static string KeyFor(string contactUri, string? instanceId, int? regId) =>
        instanceId is not null && regId is not null ? $"{instanceId}|{regId}" : contactUri;

    /// <summary>True when everything but expiry and CSeq is the same, i.e. a REGISTER changing only those is a refresh.</summary>
    public bool SameRouteAs(SipBinding other) =>
        ContactUri == other.ContactUri && InstanceId == other.InstanceId && RegId == other.RegId && Q == other.Q
        && CallId == other.CallId && Flow == other.Flow && UserAgent == other.UserAgent && Path.SequenceEqual(other.Path);
}
