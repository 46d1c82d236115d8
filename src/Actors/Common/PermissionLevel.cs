namespace Cluster.Actors.Common;

/// <summary>
/// How much of a user's presence another party may see (the ProCall/XPhone model), ordered from least to most.
/// A user grants a level to a watcher or to a whole domain; federation peers carry a domain-level default too.
/// The numeric order is part of the contract: a higher value always sees at least what a lower one sees.
/// </summary>
public enum PermissionLevel
{
    /// <summary>Sees nothing; subscriptions are refused and chat is rejected.</summary>
    Blocked = 0,

    /// <summary>Sees only coarse availability (available / busy / offline).</summary>
    Public = 1,

    /// <summary>Adds the exact availability and the activity; the default between colleagues of one domain.</summary>
    Company = 2,

    /// <summary>Adds the note and the "until" time of an explicit state.</summary>
    Team = 3,

    /// <summary>Sees everything, including per-device detail and location.</summary>
    Personal = 4,
}
