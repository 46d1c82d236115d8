namespace Cluster.Edges.Turn.Auth;

/// <summary>Result of validating a NONCE value that <see cref="StatelessNonceService"/> may have issued.</summary>
public enum NonceCheck : byte
{
    Valid,

    /// <summary>Ours, but older than the nonce lifetime: answer 438 Stale Nonce (RFC 8489 §9.2.4).</summary>
    Stale,

    /// <summary>Not ours: bad MAC, wrong client address, garbled or from the future. Also answered 438 with a fresh nonce.</summary>
    Invalid,
}
