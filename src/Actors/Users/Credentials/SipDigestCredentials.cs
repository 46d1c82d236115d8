using System.Security.Cryptography;
using System.Text;

namespace Cluster.Actors.Users;

/// <summary>
/// The HA1 values a registrar needs to check SIP digest responses without knowing the password:
/// <c>HA1 = H(username ":" realm ":" password)</c> (RFC 2617 §3.2.2.2, RFC 7616 §3.4.2), in lower-case hex, for MD5
/// (RFC 3261 §22.4) and SHA-256 (RFC 8760). They are password-equivalent for that realm: treat them as secrets.
/// </summary>
public sealed record SipDigestCredentials(string Username, string Realm, string Md5Ha1, string Sha256Ha1)
{
    /// <summary>Computes both HA1 values for <paramref name="username"/> in <paramref name="realm"/>.</summary>
    public static SipDigestCredentials Create(string username, string realm, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(realm);
        ArgumentNullException.ThrowIfNull(password);
        var input = Encoding.UTF8.GetBytes($"{username}:{realm}:{password}");
        return new SipDigestCredentials(
            username,
            realm,
            Convert.ToHexStringLower(MD5.HashData(input)),
            Convert.ToHexStringLower(SHA256.HashData(input)));
    }

    /// <summary>The HA1 for one algorithm.</summary>
    public string Ha1(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => Md5Ha1,
        DigestAlgorithm.Sha256 => Sha256Ha1,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown digest algorithm"),
    };

    /// <summary>Keeps the HA1 values out of logs.</summary>
    public override string ToString() => $"SipDigestCredentials {{ Username = {Username}, Realm = {Realm} }}";
}
