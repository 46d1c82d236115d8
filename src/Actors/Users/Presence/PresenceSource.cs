namespace Cluster.Actors.Users;

/// <summary>Whether the effective availability was set by the user or derived from registrations, sessions and calls.</summary>
public enum PresenceSource
{
    Derived,
    Explicit,
}
