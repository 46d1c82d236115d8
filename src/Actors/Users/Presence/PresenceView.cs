using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// Presence as one watcher may see it: fields above the watcher's level are null (see <see cref="PresenceVisibility"/>).
/// Compared by value, including the device list, so an unchanged view is never sent twice.
/// <c>Level</c> is the level it was filtered for; <c>Availability</c> is exact from company level up, coarse
/// (available/busy/offline) at public level.
/// </summary>
public sealed record PresenceView(
    UserAddress Presentity,
    PermissionLevel Level,
    Availability Availability,
    PresenceActivity? Activity,
    string? Note,
    DateTimeOffset? Until,
    string? Location,
    IReadOnlyList<DeviceView>? Devices)
{
    public bool Equals(PresenceView? other) =>
        other is not null
        && Presentity == other.Presentity
        && Level == other.Level
        && Availability == other.Availability
        && Activity == other.Activity
        && Note == other.Note
        && Until == other.Until
        && Location == other.Location
        && (Devices is null ? other.Devices is null : other.Devices is not null && Devices.SequenceEqual(other.Devices));

    public override int GetHashCode() =>
        HashCode.Combine(Presentity, Level, Availability, Activity, Note, Until, Location, Devices?.Count);
}
