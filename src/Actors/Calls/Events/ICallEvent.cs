namespace Cluster.Actors.Calls;

/// <summary>
/// A fact journaled by the call entity. Every implementation is a sealed immutable record with a <c>Manifest</c>
/// constant listed in <see cref="CallManifests.All"/>; field names are part of the stored format (see
/// <see cref="Cluster.Actors.Common.DomainJson"/>). Add fields only as trailing optional parameters with defaults.
/// </summary>
public interface ICallEvent;
