namespace Cluster.Edges.Turn.Auth;

/// <summary>What the server must answer after <see cref="LongTermAuthenticator.Authenticate"/>.</summary>
public enum AuthenticationOutcome : byte
{
    /// <summary>Process the request and sign the response with the key.</summary>
    Accepted,

    /// <summary>401 with REALM and a fresh NONCE: no credentials yet, or wrong ones.</summary>
    Unauthorized,

    /// <summary>400: credentials attributes incomplete or the password-algorithm negotiation was tampered with.</summary>
    BadRequest,

    /// <summary>438 with a fresh NONCE: the nonce expired or is not ours.</summary>
    StaleNonce,
}
