using Cluster.Edges.Dns;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Dns.Client;

internal static class ClientFactory
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static DnsClient Create(ManualTimeProvider time, DnsSettings? settings, params TestDnsServer[] servers) =>
        new((settings ?? new DnsSettings()) with
        {
            Servers = servers.Select(s => s.EndPoint).ToArray(),
            Timeout = Timeout,
            Attempts = settings?.Attempts ?? 1,
        }, time);

    public static DnsClient Create(ManualTimeProvider time, params TestDnsServer[] servers) => Create(time, null, servers);
}
