namespace Cluster.Actors.Users;

/// <summary>
/// Life cycle of a user entity:
/// <code>
///   Absent --UserCreated--> Active --UserRemoved--> Removed --UserCreated--> Active
/// </code>
/// Disabling is a profile flag on an active user, not a status, so a disabled user keeps contacts and history.
/// </summary>
public enum UserStatus
{
    /// <summary>Never created: only <see cref="CreateUser"/> is accepted.</summary>
    Absent,

    Active,

    /// <summary>Deleted: data is gone, the id may be created again.</summary>
    Removed,
}
