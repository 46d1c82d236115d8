namespace Cluster.Actors.Users;

/// <summary>Whether an authorization request was received from a peer or sent to one.</summary>
public enum AuthorizationDirection
{
    /// <summary>The peer asked this user for permission to see their presence.</summary>
    Incoming,

    /// <summary>This user asked the peer.</summary>
    Outgoing,
}
