namespace Cluster.Runtime.Remoting;

/// <summary>
/// A message was told to an actor on another node but its type has no manifest in the system's remote
/// <see cref="Cluster.Runtime.Persistence.Serialization.SerializerRegistry"/>. Every type that crosses nodes is
/// registered explicitly under a stable name, so that renaming a class never breaks a rolling upgrade; an unregistered
/// type is refused (counted in <see cref="RemoteActorCounters.UnregisteredMessageTypes"/> and logged), never sent
/// with a guessed name.
/// </summary>
public sealed class UnregisteredMessageTypeException : Exception
{
    public UnregisteredMessageTypeException(Type messageType)
        : base($"Message type {messageType.FullName} cannot be sent to another node: it has no manifest. Register it on every node " +
               $"with RemoteActorSettings.RegisterMessages (registry.Register<{messageType.Name}>(\"<area>.<message>.v1\")).")
    {
        MessageType = messageType;
    }

    public Type MessageType { get; }
}
