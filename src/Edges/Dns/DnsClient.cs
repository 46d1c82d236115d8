using System.Collections.Concurrent;
using System.Net;
using Cluster.Edges.Dns.Codec;
using Serilog;

namespace Cluster.Edges.Dns;

/// <summary>
/// A stub resolver (RFC 1034 §5.3.1) written for the SIP edge: it asks recursive name servers over UDP with TCP
/// fallback, caches answers by TTL (positive and negative, RFC 2308), follows CNAMEs and coalesces identical
/// lookups in flight so a burst of calls to one domain costs one query. No package provided this, hence our own.
/// </summary>
/// <remarks>
/// Server order follows resolv.conf: each attempt walks the server list from the first, so <c>attempts</c> is the
/// number of rounds. SERVFAIL, REFUSED, NOTIMP, malformed answers and timeouts move on to the next server; NOERROR and
/// NXDOMAIN are final. Answers are accepted only from the server asked (connected socket), with the query's random id
/// and the same question (RFC 5452 §9.1); anything else is dropped and counted.
/// </remarks>
public sealed partial class DnsClient : IDnsResolver, IDisposable
{
    private readonly DnsSettings settings;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly DnsCache cache;
    private readonly ConcurrentDictionary<(string Name, DnsRecordType Type), Lazy<Task<DnsQueryResult>>> inflight = new();
    private readonly CancellationTokenSource lifetime = new();

    /// <summary>
    /// Creates a client. With no servers in <paramref name="settings"/> the servers and timing come from the
    /// resolv.conf at <see cref="DnsSettings.ResolvConfPath"/>.
    /// </summary>
    /// <param name="settings">Validated here; bad values throw <see cref="ArgumentException"/>.</param>
    /// <param name="timeProvider">Clock for the cache and for per-attempt timeouts; tests pass a manual one.</param>
    /// <param name="logger">Serilog logger; the global one when null.</param>
    public DnsClient(DnsSettings settings, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        settings.Validate();
        this.settings = settings.Servers.Count > 0 ? settings : settings.WithResolvConf(ResolvConf.Load(settings.ResolvConfPath)).Validate();
        time = timeProvider ?? TimeProvider.System;
        log = (logger ?? Log.Logger).ForContext<DnsClient>();
        cache = new DnsCache(settings.CacheSize, time);
    }

    /// <summary>The servers asked, in order.</summary>
    public IReadOnlyList<IPEndPoint> Servers => settings.Servers;

    /// <summary>The effective settings, after resolv.conf was merged in.</summary>
    public DnsSettings Settings => settings;

    public DnsClientStatistics Statistics { get; } = new();

    /// <summary>Number of cached answers.</summary>
    public int CachedCount => cache.Count;

    /// <inheritdoc />
    public Task<DnsQueryResult> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(lifetime.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!DnsName.IsValid(name, out var error) || name.Length == 0)
            return Task.FromResult(DnsQueryResult.Failure(name, type, DnsQueryStatus.InvalidName, error ?? "empty name"));

        var key = (DnsName.Canonical(name), type);
        if (cache.TryGet(key.Item1, type, out var cached))
        {
            Statistics.CacheHit();
            return Task.FromResult(cached with { Name = name });
        }
        Statistics.CacheMiss();

        Lazy<Task<DnsQueryResult>>? mine = null;
        mine = new Lazy<Task<DnsQueryResult>>(() => ResolveSharedAsync(key, name, type, mine!));
        var shared = inflight.GetOrAdd(key, mine);
        if (!ReferenceEquals(shared, mine))
            Statistics.CoalescedQuery();
        // Each caller may give up on its own; the shared lookup carries on for the others and fills the cache.
        return shared.Value.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (lifetime.IsCancellationRequested)
            return;
        // Cancel only: in-flight lookups still hold the token, and a CancellationTokenSource without a timer owns
        // nothing that needs disposing.
        lifetime.Cancel();
    }

    private async Task<DnsQueryResult> ResolveSharedAsync((string Name, DnsRecordType Type) key, string name, DnsRecordType type, Lazy<Task<DnsQueryResult>> self)
    {
        try
        {
            // Leave the caller's stack before any work: the Lazy is being evaluated inside QueryAsync.
            await Task.Yield();
            var (result, cacheFor) = await ResolveAsync(name, type, lifetime.Token).ConfigureAwait(false);
            cache.Set(key.Name, type, result, cacheFor);
            return result;
        }
        finally
        {
            inflight.TryRemove(KeyValuePair.Create(key, self));
        }
    }

    /// <summary>Asks the servers, following CNAMEs (RFC 1034 §4.3.2 step 3a), and works out how long to cache.</summary>
    private async Task<(DnsQueryResult Result, TimeSpan CacheFor)> ResolveAsync(string name, DnsRecordType type, CancellationToken ct)
    {
        var chain = new List<CnameRecord>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { DnsName.Canonical(name) };
        var current = name;
        while (true)
        {
            var asked = current;
            var (answer, failure, status) = await AskServersAsync(new DnsQuestion(asked, type), ct).ConfigureAwait(false);
            if (answer is null)
            {
                log.Warning("DNS lookup {Name} {Type} failed: {Reason}", name, type, failure);
                return (DnsQueryResult.Failure(name, type, status, failure!, chain), TimeSpan.Zero);
            }

            // RFC 2181 §10.1.1: the answer may carry the whole chain; walk it from the name we asked.
            if (type != DnsRecordType.CNAME)
            {
                while (answer.Answers.OfType<CnameRecord>().FirstOrDefault(c => DnsName.Equal(c.Name, current)) is { } alias)
                {
                    if (chain.Count >= settings.MaxCnameChain)
                        return (DnsQueryResult.Failure(name, type, DnsQueryStatus.ServerFailure, $"CNAME chain longer than {settings.MaxCnameChain} at '{current}'", chain), TimeSpan.Zero);
                    if (!visited.Add(DnsName.Canonical(alias.Target)))
                        return (DnsQueryResult.Failure(name, type, DnsQueryStatus.ServerFailure, $"CNAME loop: '{current}' points back to '{alias.Target}'", chain), TimeSpan.Zero);
                    chain.Add(alias);
                    current = alias.Target;
                }
            }

            var records = answer.Answers.Where(r => r.Type == type && DnsName.Equal(r.Name, current)).ToArray();
            if (records.Length > 0)
            {
                var ttl = records.Concat<DnsRecord>(chain).Min(r => r.Ttl);
                var result = new DnsQueryResult(name, type, DnsQueryStatus.Success, records, chain.ToArray());
                return (result, Min(TimeSpan.FromSeconds(ttl), settings.MaxTtl));
            }

            var soa = answer.Authorities.OfType<SoaRecord>().FirstOrDefault();
            if (answer.ResponseCode == DnsResponseCode.NameError)
                return (new DnsQueryResult(name, type, DnsQueryStatus.NameError, [], chain.ToArray()), NegativeLifetime(soa, chain));

            // NOERROR without data. A server that stopped at an alias without saying the target has no data (no SOA)
            // is asked again for the target itself.
            if (!DnsName.Equal(current, asked) && soa is null)
                continue;
            return (new DnsQueryResult(name, type, DnsQueryStatus.NoData, [], chain.ToArray()), NegativeLifetime(soa, chain));
        }
    }

    /// <summary>
    /// RFC 2308 §5: a negative answer lives for min(SOA TTL, SOA MINIMUM); without an SOA it is not cached. Aliases
    /// on the way bound it too.
    /// </summary>
    private TimeSpan NegativeLifetime(SoaRecord? soa, List<CnameRecord> chain)
    {
        if (soa is null)
            return TimeSpan.Zero;
        var seconds = Math.Min(soa.Ttl, soa.Minimum);
        foreach (var alias in chain)
            seconds = Math.Min(seconds, alias.Ttl);
        return Min(TimeSpan.FromSeconds(seconds), settings.MaxNegativeTtl);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
