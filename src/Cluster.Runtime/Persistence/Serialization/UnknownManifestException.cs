namespace Cluster.Runtime.Persistence.Serialization;

/// <summary>
/// A stored payload names a manifest no type or migration is registered for: typically an event written by a newer
/// version, or a type renamed without registering its old manifest. Recovery of that actor cannot proceed.
/// </summary>
public sealed class UnknownManifestException : Exception
{
    public UnknownManifestException(string manifest, string persistenceId)
        : base($"Unknown manifest '{manifest}' in a payload of persistence id '{persistenceId}': register the type " +
               "(SerializerRegistry.Register) or a migration from this manifest (SerializerRegistry.RegisterUpcast/RegisterMigration)")
    {
        Manifest = manifest;
        PersistenceId = persistenceId;
    }

    public string Manifest { get; }

    public string PersistenceId { get; }
}
