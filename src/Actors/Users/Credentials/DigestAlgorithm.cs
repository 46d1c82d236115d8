namespace Cluster.Actors.Users;

/// <summary>SIP digest hash algorithms for which an HA1 is kept (RFC 3261 §22.4 MD5, RFC 8760 SHA-256).</summary>
public enum DigestAlgorithm
{
    Md5,
    Sha256,
}
