namespace Cluster.Runtime.Kernel;

/// <summary>
/// Marker for system-wide services that hang off an <see cref="ActorSystem"/> (persistence, sharding, remoting,
/// coordinated shutdown): one instance per system, created on first registration.
/// </summary>
public interface IExtension;
