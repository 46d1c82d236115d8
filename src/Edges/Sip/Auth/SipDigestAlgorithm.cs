using System.Security.Cryptography;
using System.Text;

namespace Cluster.Edges.Sip.Auth;

/// <summary>
/// Digest hash algorithms (RFC 7616 §3.2, RFC 8760 for SIP). SHA-256 is offered first; MD5 stays for the phones
/// that know nothing else. SHA-512/256 is not offered because .NET has no built-in implementation of it.
/// </summary>
public enum SipDigestAlgorithm : byte
{
    Md5,
    Sha256,
}

/// <summary>Token mapping and hashing for <see cref="SipDigestAlgorithm"/>.</summary>
public static class SipDigest
{
    /// <summary>The algorithm token as written in a challenge.</summary>
    public static string Token(this SipDigestAlgorithm algorithm) => algorithm == SipDigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    /// <summary>Parses an algorithm token (case-insensitive); absent means MD5 (RFC 7616 §3.3). Session variants are not supported.</summary>
    public static bool TryParse(string? token, out SipDigestAlgorithm algorithm)
    {
        algorithm = SipDigestAlgorithm.Md5;
        if (token is null || token.Equals("MD5", StringComparison.OrdinalIgnoreCase)) return true;
        if (!token.Equals("SHA-256", StringComparison.OrdinalIgnoreCase)) return false;
        algorithm = SipDigestAlgorithm.Sha256;
        return true;
    }

    /// <summary>Lower-case hex digest of UTF-8 text.</summary>
    public static string Hash(SipDigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(algorithm == SipDigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes));
    }

    /// <summary>HA1 = H(username:realm:password) (RFC 7616 §3.4.2): what the user store keeps instead of the password.</summary>
    public static string ComputeHa1(SipDigestAlgorithm algorithm, string username, string realm, string password) =>
        Hash(algorithm, $"{username}:{realm}:{password}");

    /// <summary>
    /// The expected <c>response</c> for qop=auth (RFC 7616 §3.4.1): H(HA1:nonce:nc:cnonce:qop:H(method:uri)).
    /// </summary>
    public static string ComputeResponse(SipDigestAlgorithm algorithm, string ha1, string nonce, string nc, string cnonce, string qop, string method, string uri)
    {
        var ha2 = Hash(algorithm, $"{method}:{uri}");
        return Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }
}
