namespace Cluster.Actors.Users;

/// <summary>
/// A fact journaled by the user entity. Every implementation is a sealed immutable record with a <c>Manifest</c>
/// constant listed in <see cref="UserManifests.All"/>; field names are part of the stored format (see
/// <see cref="Cluster.Actors.Common.DomainJson"/>). Add fields only as optional parameters with defaults.
/// </summary>
public interface IUserEvent;
