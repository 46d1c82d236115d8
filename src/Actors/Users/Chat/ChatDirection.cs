namespace Cluster.Actors.Users;

/// <summary>Whether a stored message was sent to this user or by this user.</summary>
public enum ChatDirection
{
    Incoming,
    Outgoing,
}
