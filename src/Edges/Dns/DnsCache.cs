using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns;

/// <summary>
/// Bounded TTL cache of lookup results keyed by (canonical name, type). Least recently used entries are evicted when
/// full, expired ones on access. Time comes from the injected <see cref="TimeProvider"/> so expiry is testable.
/// Handing out an entry rewrites record TTLs to the remaining lifetime, as a caching resolver must (RFC 1035 §7.3).
/// </summary>
internal sealed class DnsCache(int capacity, TimeProvider time)
{
    private readonly Dictionary<(string Name, DnsRecordType Type), LinkedListNode<Entry>> entries = [];
    private readonly LinkedList<Entry> recency = new();
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
                return entries.Count;
        }
    }

    public bool TryGet(string canonicalName, DnsRecordType type, out DnsQueryResult result)
    {
        result = null!;
        if (capacity == 0)
            return false;
        var now = time.GetUtcNow();
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue((canonicalName, type), out var node))
                return false;
            if (node.Value.ExpiresAt <= now)
            {
                recency.Remove(node);
                entries.Remove((canonicalName, type));
                return false;
            }
            recency.Remove(node);
            recency.AddFirst(node);
            entry = node.Value;
        }
        var remaining = (uint)Math.Max(0, Math.Floor((entry.ExpiresAt - now).TotalSeconds));
        result = entry.Result with
        {
            FromCache = true,
            Records = entry.Result.Records.Select(r => r.WithTtl(Math.Min(r.Ttl, remaining))).ToArray(),
            CnameChain = entry.Result.CnameChain.Select(c => (CnameRecord)c.WithTtl(Math.Min(c.Ttl, remaining))).ToArray(),
        };
        return true;
    }

    /// <summary>Stores <paramref name="result"/> for <paramref name="lifetime"/>; a zero lifetime stores nothing.</summary>
    public void Set(string canonicalName, DnsRecordType type, DnsQueryResult result, TimeSpan lifetime)
    {
        if (capacity == 0 || lifetime <= TimeSpan.Zero)
            return;
        var entry = new Entry(canonicalName, type, result, time.GetUtcNow() + lifetime);
        lock (gate)
        {
            if (entries.TryGetValue((canonicalName, type), out var existing))
            {
                recency.Remove(existing);
                entries.Remove((canonicalName, type));
            }
            while (entries.Count >= capacity && recency.Last is { } oldest)
            {
                recency.RemoveLast();
                entries.Remove((oldest.Value.Name, oldest.Value.Type));
            }
            entries[(canonicalName, type)] = recency.AddFirst(entry);
        }
    }

    private sealed record Entry(string Name, DnsRecordType Type, DnsQueryResult Result, DateTimeOffset ExpiresAt);
}
