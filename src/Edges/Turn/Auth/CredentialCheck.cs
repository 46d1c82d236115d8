using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Outcome of checking long-term credentials. On success it carries the key, which the server needs again to put
/// MESSAGE-INTEGRITY on its response (RFC 8489 §9.2.4: responses are signed with the same key).
/// </summary>
public readonly record struct CredentialCheck(CredentialRejection Rejection, string? Username, byte[]? Key, StunPasswordAlgorithm Algorithm)
{
    public bool IsValid => Rejection == CredentialRejection.None;

    public static CredentialCheck Accept(string username, byte[] key, StunPasswordAlgorithm algorithm) =>
        new(CredentialRejection.None, username, key, algorithm);

    public static CredentialCheck Reject(CredentialRejection reason, string? username = null) =>
        new(reason, username, null, default);
}
