using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// A binding with its live expiry (journaled value or a later refresh) and CSeq, as listed in a REGISTER's 200 OK;
/// <c>ExpiresInSeconds</c> is what is left at the time of the query, rounded down. Other fields as in <see cref="SipBinding"/>.
/// </summary>
public sealed record BindingView(
    string Key,
    string ContactUri,
    string? InstanceId,
    int? RegId,
    double? Q,
    DateTimeOffset ExpiresAt,
    int ExpiresInSeconds,
    string CallId,
    long CSeq,
    EdgeEndpoint Flow,
    IReadOnlyList<string> Path,
    string? UserAgent);
