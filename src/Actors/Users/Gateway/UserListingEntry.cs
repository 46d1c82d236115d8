using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>One user in the <see cref="IUserListing"/>: the directory fields of its latest profile events.</summary>
public sealed record UserListingEntry(UserAddress Address, string DisplayName, string? Email, string? Department, bool Disabled);
