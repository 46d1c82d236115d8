using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// THE permission table: the minimum level at which a watcher sees each presence field. docs/domain/users.md shows the
/// same table; a test pins both. Blocked sees nothing at all.
/// <code>
///   field                blocked public company team personal
///   coarse availability     -      x       x      x      x
///   exact availability      -      -       x      x      x
///   activity                -      -       x      x      x
///   note                    -      -       -      x      x
///   until                   -      -       -      x      x
///   location                -      -       -      -      x
///   devices                 -      -       -      -      x
/// </code>
/// </summary>
public static class PresenceVisibility
{
    /// <summary>Each field with the lowest level that sees it, in table order.</summary>
    public static IReadOnlyList<(PresenceField Field, PermissionLevel Minimum)> Table { get; } =
    [
        (PresenceField.CoarseAvailability, PermissionLevel.Public),
        (PresenceField.Availability, PermissionLevel.Company),
        (PresenceField.Activity, PermissionLevel.Company),
        (PresenceField.Note, PermissionLevel.Team),
        (PresenceField.Until, PermissionLevel.Team),
        (PresenceField.Location, PermissionLevel.Personal),
        (PresenceField.Devices, PermissionLevel.Personal),
    ];

    /// <summary>True when a watcher at <paramref name="level"/> sees <paramref name="field"/>.</summary>
    public static bool CanSee(PermissionLevel level, PresenceField field)
    {
        foreach (var (f, minimum) in Table)
        {
            if (f == field)
            {
                return level >= minimum;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(field), field, "field missing from the visibility table");
    }

    /// <summary>
    /// The coarse availability public watchers get: can they reach the user right now? Away still takes calls and chat,
    /// so it is available; do-not-disturb and on-the-phone are busy.
    /// </summary>
    public static Availability Coarse(Availability availability) => availability switch
    {
        Availability.Available or Availability.Away => Availability.Available,
        Availability.Busy or Availability.DoNotDisturb or Availability.OnThePhone => Availability.Busy,
        _ => Availability.Offline,
    };

    /// <summary>Filters <paramref name="presence"/> for a watcher at <paramref name="level"/>; null for blocked.</summary>
    public static PresenceView? Filter(UserAddress presentity, EffectivePresence presence, PermissionLevel level)
    {
        ArgumentNullException.ThrowIfNull(presence);
        if (!CanSee(level, PresenceField.CoarseAvailability))
        {
            return null;
        }

        return new PresenceView(
            presentity,
            level,
            CanSee(level, PresenceField.Availability) ? presence.Availability : Coarse(presence.Availability),
            CanSee(level, PresenceField.Activity) ? presence.Activity : null,
            CanSee(level, PresenceField.Note) ? presence.Note : null,
            CanSee(level, PresenceField.Until) ? presence.Until : null,
            CanSee(level, PresenceField.Location) ? presence.Location : null,
            CanSee(level, PresenceField.Devices) ? presence.Devices : null);
    }
}
