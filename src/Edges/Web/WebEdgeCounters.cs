using System.Collections.Concurrent;

namespace Cluster.Edges.Web;

/// <summary>
/// Running totals of the web edge for the operator shell and metrics. Plain interlocked counters: cheap enough to
/// bump on every message, read without stopping the edge.
/// </summary>
public sealed class WebEdgeCounters
{
    private readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);
    private long connectionsOpened;
    private long connectionsCurrent;
    private long connectionsRejected;
    private long messagesIn;
    private long messagesOut;
    private long slowConsumers;
    private long loginsOk;
    private long loginsFailed;
    private long loginsLocked;
    private long loginsRateLimited;

    public long ConnectionsOpened => Interlocked.Read(ref connectionsOpened);

    public long ConnectionsCurrent => Interlocked.Read(ref connectionsCurrent);

    /// <summary>Upgrades refused because max-connections was reached.</summary>
    public long ConnectionsRejected => Interlocked.Read(ref connectionsRejected);

    public long MessagesIn => Interlocked.Read(ref messagesIn);

    public long MessagesOut => Interlocked.Read(ref messagesOut);

    /// <summary>Connections closed because their send queue overflowed.</summary>
    public long SlowConsumers => Interlocked.Read(ref slowConsumers);

    public long LoginsOk => Interlocked.Read(ref loginsOk);

    /// <summary>Logins refused for wrong credentials.</summary>
    public long LoginsFailed => Interlocked.Read(ref loginsFailed);

    /// <summary>Logins refused because the username was locked.</summary>
    public long LoginsLocked => Interlocked.Read(ref loginsLocked);

    /// <summary>Logins refused by the per-address or per-username rate.</summary>
    public long LoginsRateLimited => Interlocked.Read(ref loginsRateLimited);

    /// <summary>Error messages and error closes sent, by protocol error code (e.g. "bad-json").</summary>
    public IReadOnlyDictionary<string, long> ErrorsByCode => new SortedDictionary<string, long>(errors, StringComparer.Ordinal);

    /// <summary>Count of one error code, 0 when never seen.</summary>
    public long Errors(string code) => errors.TryGetValue(code, out var value) ? value : 0;

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref connectionsOpened);
        Interlocked.Increment(ref connectionsCurrent);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref connectionsCurrent);

    internal void ConnectionRejected() => Interlocked.Increment(ref connectionsRejected);

    internal void MessageIn() => Interlocked.Increment(ref messagesIn);

    internal void MessageOut() => Interlocked.Increment(ref messagesOut);

    internal void SlowConsumer() => Interlocked.Increment(ref slowConsumers);

    internal void Error(string code) => errors.AddOrUpdate(code, 1, (_, n) => n + 1);

    internal void LoginOk() => Interlocked.Increment(ref loginsOk);

    internal void LoginFailed() => Interlocked.Increment(ref loginsFailed);

    internal void LoginLocked() => Interlocked.Increment(ref loginsLocked);

    internal void LoginRateLimited() => Interlocked.Increment(ref loginsRateLimited);
}
