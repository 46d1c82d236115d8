using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>Shared steps of the validators: reading USERNAME and REALM and checking the integrity attribute.</summary>
internal static class LongTermIntegrity
{
    /// <summary>
    /// RFC 8489 §9.2.4: a request with MESSAGE-INTEGRITY-SHA256 is checked with it (the stronger one); otherwise
    /// MESSAGE-INTEGRITY is used.
    /// </summary>
    public static bool Verify(in StunMessage request, ReadOnlySpan<byte> key) =>
        request.HasMessageIntegritySha256 ? request.VerifyMessageIntegritySha256(key) : request.VerifyMessageIntegrity(key);

    public static bool TryGetUsername(in StunMessage request, out string username)
    {
        username = string.Empty;
        return request.TryGetAttribute(StunAttributeType.Username, out var value)
            && StunAttributeDecoder.TryReadText(value, out username, maxBytes: 513)
            && username.Length > 0;
    }

    public static bool RealmMatches(in StunMessage request, string realm) =>
        request.TryGetAttribute(StunAttributeType.Realm, out var value)
        && StunAttributeDecoder.TryReadText(value, out var text)
        && string.Equals(text, realm, StringComparison.Ordinal);
}
