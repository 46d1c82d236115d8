namespace Cluster.Edges.Dns;

/// <summary>
/// How a lookup ended. NameError and NoData are answers (and are cached, RFC 2308); ServerFailure and Timeout mean
/// no server gave a usable answer and are never cached, so the next lookup asks again.
/// </summary>
public enum DnsQueryStatus
{
    /// <summary>Records of the requested type were found.</summary>
    Success,
    /// <summary>The name exists but has no records of the requested type (RFC 2308 §2.2 "NODATA").</summary>
    NoData,
    /// <summary>NXDOMAIN: the name does not exist (RFC 2308 §2.1).</summary>
    NameError,
    /// <summary>Every server failed, refused, or sent a malformed answer; <see cref="DnsQueryResult.Error"/> says why.</summary>
    ServerFailure,
    /// <summary>No server answered within the timeout over all attempts.</summary>
    Timeout,
    /// <summary>The query name itself is not a valid domain name.</summary>
    InvalidName,
}
