namespace Cluster.Actors.Users;

/// <summary>
/// The user's reachability as shown to watchers. <see cref="OnThePhone"/> is never set by hand: it is derived while the
/// user is in a call and no explicit state is set (see <see cref="PresenceCalculator"/>).
/// </summary>
public enum Availability
{
    Available,
    Away,
    Busy,
    DoNotDisturb,
    OnThePhone,
    Offline,
}
