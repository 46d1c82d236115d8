using System.Security.Cryptography;
using System.Text;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Derives the long-term credential key that keys MESSAGE-INTEGRITY(-SHA256) (RFC 8489 §9.2.2):
/// <c>MD5(username ":" realm ":" password)</c>, or SHA-256 of the same string when PASSWORD-ALGORITHM selects it
/// (RFC 8489 §18.5.1.2). Strings are hashed as UTF-8 as received: OpaqueString (RFC 8265) normalisation needs
/// Unicode tables that invariant-globalization builds lack, and clients send NFC in practice; the RFC 5769 §2.4
/// vector (already prepared) passes this way.
/// </summary>
public static class LongTermKey
{
    /// <summary>Key length for an algorithm: 16 bytes for MD5, 32 for SHA-256.</summary>
    public static int KeyLength(StunPasswordAlgorithm algorithm) => algorithm switch
    {
        StunPasswordAlgorithm.Md5 => MD5.HashSizeInBytes,
        StunPasswordAlgorithm.Sha256 => SHA256.HashSizeInBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "RFC 8489 §18.5 defines MD5 (1) and SHA-256 (2)."),
    };

    public static byte[] Compute(string username, string realm, string password, StunPasswordAlgorithm algorithm = StunPasswordAlgorithm.Md5)
    {
        var key = new byte[KeyLength(algorithm)];
        Compute(username, realm, password, algorithm, key);
        return key;
    }

    /// <summary>Writes the key into <paramref name="destination"/> (see <see cref="KeyLength"/>).</summary>
    public static void Compute(string username, string realm, string password, StunPasswordAlgorithm algorithm, Span<byte> destination)
    {
        var text = string.Concat(username, ":", realm, ":", password);
        var length = Encoding.UTF8.GetByteCount(text);
        Span<byte> utf8 = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, utf8);
        switch (algorithm)
        {
            case StunPasswordAlgorithm.Md5:
                MD5.HashData(utf8, destination);
                break;
            case StunPasswordAlgorithm.Sha256:
                SHA256.HashData(utf8, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "RFC 8489 §18.5 defines MD5 (1) and SHA-256 (2).");
        }
    }

    /// <summary>USERHASH value: SHA-256 of <c>username ":" realm</c> (RFC 8489 §14.4), for username anonymity.</summary>
    public static byte[] UserHash(string username, string realm) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(username, ":", realm)));
}
