using Cluster.Actors.Users;

namespace Cluster.Edges.Sip.Presence;

/// <summary>What a PUBLISH body says, mapped onto the domain's explicit state and note.</summary>
/// <param name="Availability">From basic status and RPID activities (closed = offline, "appear offline").</param>
/// <param name="Activity">The RPID activity, <see cref="PresenceActivity.None"/> when none is given.</param>
/// <param name="Note">The person note (or the first tuple note); null clears the note.</param>
public sealed record PublishedPresence(Availability Availability, PresenceActivity Activity, string? Note);
