using System.Text.Json;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Sharding;

namespace Cluster.Node.Clustering;

/// <summary>
/// Every message type that crosses nodes in a cluster, registered with its manifest in the remoting registry: the
/// sharding hand-off handshake between regions, the entity-location query (<c>uc sharding where</c>), the user envelope with every user command and query in it, every
/// user reply, and the edge effects entities send to the routers of other nodes. The same code runs on every node,
/// so all agree on the manifests.
/// </summary>
/// <remarks>
/// User message manifests are <c>user.msg.</c> plus the kebab-case type name (<c>user.msg.add-user</c>): there are
/// about seventy of them and they only live on the wire between nodes of one version, never in the journal. A rename
/// is a wire change between nodes of different versions; <see cref="UserMessageManifests"/> lists them (a test pinning
/// that list is still to be written).
/// </remarks>
public static class NodeRemoteMessages
{
    /// <summary>Prefix of the user message manifests.</summary>
    public const string UserPrefix = "user.msg.";

    /// <summary>Registers everything; the argument of <c>RemoteActorSettings.RegisterMessages</c>.</summary>
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Options.Converters.Add(new UserEnvelopeJsonConverter(registry));
        registry.Register<BeginHandOff>("uc.sharding.begin-hand-off")
            .Register<BeginHandOffAck>("uc.sharding.begin-hand-off-ack")
            .Register<GetEntityLocation>("uc.sharding.get-entity-location")
            .Register<EntityLocation>("uc.sharding.entity-location")
            .Register<UserEnvelope>("user.envelope");
        var register = typeof(SerializerRegistry).GetMethod(nameof(SerializerRegistry.Register))
                       ?? throw new InvalidOperationException("SerializerRegistry.Register<T>(string) not found");
        foreach (var (type, manifest) in UserMessageManifests)
        {
            try
            {
                register.MakeGenericMethod(type).Invoke(registry, [manifest]);
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }

    /// <summary>
    /// The user commands, queries, replies and edge effects (every public concrete type of the users assembly
    /// implementing <see cref="IUserCommand"/>, <see cref="IUserQuery"/>, <see cref="IUserReply"/> or
    /// <see cref="IUserEffect"/>), with their manifests, in manifest order.
    /// </summary>
    public static IReadOnlyList<(Type Type, string Manifest)> UserMessageManifests { get; } = FindUserMessages();

    private static (Type, string)[] FindUserMessages()
    {
        Type[] roots = [typeof(IUserCommand), typeof(IUserQuery), typeof(IUserReply), typeof(IUserEffect)];
        return typeof(IUserCommand).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && roots.Any(r => r.IsAssignableFrom(t)))
            .Select(t => (t, UserPrefix + JsonNamingPolicy.KebabCaseLower.ConvertName(t.Name)))
            .OrderBy(x => x.Item2, StringComparer.Ordinal)
            .ToArray();
    }
}
