using System.Collections.Immutable;

namespace Cluster.Actors.Users;

/// <summary>
/// The persisted inputs of presence that do not come from registrations: the explicit state, the free-text note and
/// location (which outlive explicit states, as in the reference clients), and the calls the user is in. The calls
/// are persisted because a failover must not show a user in a call as available.
/// </summary>
public sealed record PresenceState
{
    public static PresenceState Empty { get; } = new();

    public ExplicitPresence? Explicit { get; init; }

    public string? Note { get; init; }

    public string? Location { get; init; }

    /// <summary>Active calls by call id.</summary>
    public ImmutableSortedDictionary<string, ActiveCall> Calls { get; init; } = ImmutableSortedDictionary.Create<string, ActiveCall>(StringComparer.Ordinal);
}
