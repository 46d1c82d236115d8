using System.Collections.Concurrent;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Path string -> resolved reference, so that the inbound path of remoting does not parse the same recipient and
/// sender paths for every message (the transport already hands out the same string instances per connection).
/// Entries for stopped local actors are re-resolved on use; the cache is bounded by clearing it when full, which keeps
/// it correct and cheap (a clear only costs a few re-resolutions).
/// </summary>
internal sealed class ResolvedRefCache(int capacity)
{
    private readonly ConcurrentDictionary<string, IActorRef> entries = new(StringComparer.Ordinal);
    private int count;
    // The transport hands out one string instance per distinct path and connection, so a stream of messages between
    // the same two actors is answered by a reference comparison, without hashing the path.
    private volatile LastHit? last;

    public IActorRef GetOrResolve(string path, Func<string, IActorRef> resolve)
    {
        if (last is { } hit && ReferenceEquals(hit.Path, path) && hit.Ref is not InternalActorRef { IsTerminated: true }) return hit.Ref;
        if (entries.TryGetValue(path, out var cached) && cached is not InternalActorRef { IsTerminated: true })
        {
            last = new LastHit(path, cached);
            return cached;
        }
        var resolved = resolve(path);
        // A dead or missing recipient is not cached: the actor may be created (again) at that path.
        if (resolved is InternalActorRef { IsTerminated: true })
        {
            if (cached is not null && entries.TryRemove(path, out _)) Interlocked.Decrement(ref count);
            return resolved;
        }
        if (cached is not null)
        {
            entries[path] = resolved;
            return resolved;
        }
        if (Interlocked.Increment(ref count) > capacity)
        {
            entries.Clear();
            Interlocked.Exchange(ref count, 1);
        }
        if (!entries.TryAdd(path, resolved)) Interlocked.Decrement(ref count);
        return resolved;
    }

    private sealed record LastHit(string Path, IActorRef Ref);
}
