namespace Cluster.Runtime.Persistence.Serialization;

/// <summary>A payload as stored: the manifest naming its type and version, and its bytes (UTF-8 JSON).</summary>
public readonly record struct SerializedPayload(string Manifest, byte[] Bytes);
