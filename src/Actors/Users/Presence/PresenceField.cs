namespace Cluster.Actors.Users;

/// <summary>The parts of presence that permission levels reveal one by one.</summary>
public enum PresenceField
{
    /// <summary>Available / busy / offline only.</summary>
    CoarseAvailability,

    /// <summary>The exact availability (away, do-not-disturb, on-the-phone...).</summary>
    Availability,

    Activity,
    Note,
    Until,
    Location,

    /// <summary>Per-device detail: which clients are online, idle or in a call.</summary>
    Devices,
}
