namespace Cluster.Actors.Users;

/// <summary>Why a <see cref="IUserGateway"/> call failed; edges map it to a status code (see each value).</summary>
public enum UserGatewayFailure
{
    /// <summary>No reply within the gateway's ask timeout. Web: 504; SIP: 504 or 408 for a REGISTER.</summary>
    Timeout,

    /// <summary>The entity could not be reached or could not store the change right now (journal down, shard
    /// moving, node shutting down). Retry later. Web: 503 with Retry-After; SIP: 503 (RFC 3261 §21.5.4).</summary>
    Unavailable,

    /// <summary>An internal error in the entity; retrying will not help. Web: 500; SIP: 500.</summary>
    Failed,
}
