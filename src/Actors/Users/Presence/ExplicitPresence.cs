namespace Cluster.Actors.Users;

/// <summary>
/// A state the user set by hand. It wins over the derived state until it is cleared or, when <see cref="Until"/> is
/// set, until that instant passes (calendar-style "busy until 14:00"); after that the presence is automatic again.
/// </summary>
public sealed record ExplicitPresence(Availability Availability, PresenceActivity Activity, DateTimeOffset? Until, DateTimeOffset SetAt)
{
    /// <summary>True while the explicit state still applies at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => Until is not { } until || until > now;
}
