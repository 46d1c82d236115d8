using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>An entry in the user's roster.</summary>
/// <param name="Address">The contact.</param>
/// <param name="DisplayName">The user's own label for the contact, if any.</param>
/// <param name="Group">The roster group, if any.</param>
/// <param name="Level">The level granted explicitly; null uses the domain setting or the default.</param>
public sealed record ContactEntry(UserAddress Address, string? DisplayName, string? Group, PermissionLevel? Level);
