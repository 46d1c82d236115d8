namespace Cluster.Actors.Users;

/// <summary>
/// The complete presence of a user at one instant, before any permission filtering. Computed, never stored: it is a
/// function of the state and the clock (<see cref="PresenceCalculator.Compute"/>).
/// </summary>
public sealed record EffectivePresence(
    Availability Availability,
    PresenceActivity Activity,
    PresenceSource Source,
    string? Note,
    DateTimeOffset? Until,
    string? Location,
    IReadOnlyList<DeviceView> Devices,
    bool InCall);
