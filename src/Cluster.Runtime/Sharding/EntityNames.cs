namespace Cluster.Runtime.Sharding;

/// <summary>
/// Actor names for entity, shard and region ids, which may hold any character ('/', spaces, '$'): percent-encoded
/// as in RFC 3986 §2.1 (everything but unreserved characters), which is reversible and never yields a reserved
/// actor name. Ids only travel in names for readable paths; the shard keeps the ids themselves.
/// </summary>
internal static class EntityNames
{
    public static string Encode(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Uri.EscapeDataString(id);
    }
}
