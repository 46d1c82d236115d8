using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Settings of a remote-enabled actor system: the transport's (<c>uc.remote.*</c>), the actor layer's
/// (<c>uc.remote.actor.*</c>, see reference.conf) and the registration of every message type that crosses nodes.
/// Registration is code, not configuration: the same <see cref="RegisterMessages"/> runs on every node so that all
/// agree on the manifests.
/// </summary>
public sealed partial record RemoteActorSettings
{
    /// <summary>Transport settings; <see cref="RemotingSettings.SystemName"/> must equal the actor system's name.</summary>
    public RemotingSettings Transport { get; init; } = RemotingSettings.Default;

    /// <summary>
    /// How long a node whose association was lost (or that is unreachable) may stay away before its actors are
    /// reported Terminated to their watchers (uc.remote.actor.address-terminated-after).
    /// </summary>
    public TimeSpan AddressTerminatedAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Resolved recipient and sender paths kept per system (uc.remote.actor.resolve-cache-size).</summary>
    public int ResolveCacheSize { get; init; } = 10_000;

    /// <summary>Registers the application's cross-node message types (manifests) in the system's registry.</summary>
    public Action<SerializerRegistry>? RegisterMessages { get; init; }

    public static RemoteActorSettings Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the key of the first invalid value.</summary>
    public RemoteActorSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Transport);
        Transport.Validate();
        if (AddressTerminatedAfter <= TimeSpan.Zero)
            throw new ArgumentException($"uc.remote.actor.address-terminated-after: {AddressTerminatedAfter} must be positive.");
        if (ResolveCacheSize < 16)
            throw new ArgumentException($"uc.remote.actor.resolve-cache-size: {ResolveCacheSize} must be at least 16.");
        return this;
    }
}
