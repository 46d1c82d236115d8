namespace Cluster.Runtime.Remoting;

/// <summary>
/// A message from another node could not be read: its manifest is not registered here (a newer node sent a type this
/// version does not know) or its payload does not fit the registered type. The message is dropped, counted in
/// <see cref="RemoteActorCounters.DeserializationFailures"/> and logged; the connection stays up.
/// </summary>
public sealed class RemoteDeserializationException(string message, Exception? innerException = null) : Exception(message, innerException);
