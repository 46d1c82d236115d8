using System.Security.Cryptography;
using System.Text;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// The shared-secret arithmetic of the TURN REST API scheme, in one place so generator and validator cannot drift:
/// username <c>expiry + separator + user</c>, password <c>base64(HMAC-SHA1(secret, username))</c> (coturn's
/// <c>use-auth-secret</c> / <c>static-auth-secret</c>, separator <c>rest-api-separator</c>, default ':').
/// </summary>
public static class TurnRestSecret
{
    public const char DefaultSeparator = ':';

    /// <summary>The password coturn would derive for <paramref name="username"/>.</summary>
    public static string Password(string secret, string username)
    {
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username), mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Reads the expiry (unix seconds) from a REST username: the part before the first separator, or the whole
    /// username when it has no separator (coturn accepts both).
    /// </summary>
    public static bool TryParseExpiry(string username, out long expiryUnixSeconds, char separator = DefaultSeparator)
    {
        var cut = username.IndexOf(separator);
        var head = cut < 0 ? username.AsSpan() : username.AsSpan(0, cut);
        return long.TryParse(head, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out expiryUnixSeconds)
            && expiryUnixSeconds > 0;
    }
}
