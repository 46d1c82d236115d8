using System.Net;
using Cluster.Edges.Dns;
using Cluster.Edges.Dns.Codec;
using Cluster.Edges.Dns.SipLocation;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Dns.SipLocation;

public sealed class SipServerLocatorTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new();
    private TestDnsServer server = null!;
    private DnsClient client = null!;

    public Task InitializeAsync()
    {
        server = TestDnsServer.Start(new TestZone()
            // example.test: full RFC 3263 chain, NAPTR -> SRV -> A/AAAA.
            .Naptr("example.test", 50, 50, "SIPS+D2T", "_sips._tcp.example.test")
            .Naptr("example.test", 90, 50, "SIP+D2T", "_sip._tcp.example.test")
            .Naptr("example.test", 100, 50, "SIP+D2U", "_sip._udp.example.test")
            .Naptr("example.test", 10, 50, "E2U+sip", "_sip._udp.example.test") // not a SIP service: ignored
            .Srv("_sips._tcp.example.test", 10, 0, 5061, "tls.example.test")
            .Srv("_sip._tcp.example.test", 10, 0, 5060, "tcp.example.test")
            .Srv("_sip._udp.example.test", 10, 0, 5070, "udp.example.test")
            .A("tls.example.test", "192.0.2.61")
            .A("tcp.example.test", "192.0.2.60")
            .A("udp.example.test", "192.0.2.70")
            .Aaaa("udp.example.test", "2001:db8::70")
            .A("example.test", "192.0.2.1")
            // srvonly.test: no NAPTR, SRV for tcp and udp only.
            .Srv("_sip._tcp.srvonly.test", 10, 0, 5080, "host.srvonly.test")
            .Srv("_sip._udp.srvonly.test", 10, 0, 5090, "host.srvonly.test")
            .A("host.srvonly.test", "192.0.2.80")
            // plain.test: only addresses.
            .A("plain.test", "192.0.2.90")
            .Aaaa("plain.test", "2001:db8::90")
            // weighted.test: four SRV targets in two priorities.
            .Srv("_sip._udp.weighted.test", 10, 60, 5060, "a.weighted.test")
            .Srv("_sip._udp.weighted.test", 10, 30, 5060, "b.weighted.test")
            .Srv("_sip._udp.weighted.test", 10, 10, 5060, "c.weighted.test")
            .Srv("_sip._udp.weighted.test", 20, 0, 5060, "d.weighted.test")
            .A("a.weighted.test", "192.0.2.101").A("b.weighted.test", "192.0.2.102")
            .A("c.weighted.test", "192.0.2.103").A("d.weighted.test", "192.0.2.104")
            // closed.test: RFC 2782 "service not available".
            .Srv("_sip._udp.closed.test", 0, 0, 0, "")
            .A("closed.test", "192.0.2.200"));
        client = new DnsClient(new DnsSettings { Servers = [server.EndPoint], Attempts = 1 }, time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    private SipServerLocator Locator(DnsSettings? settings = null, int seed = 1) => new(client, settings ?? new DnsSettings(), new Random(seed));

    private static string[] Describe(SipLocationResult result) =>
        result.Targets.Select(t => $"{t.Transport.ToString().ToLowerInvariant()} {t.EndPoint}").ToArray();

    private string[] Asked() => server.Queries.Select(q => $"{q.Question.Type} {q.Question.Name}").ToArray();

    [Theory]
    [InlineData("192.0.2.5", null, null, false, "udp 192.0.2.5:5060")]
    [InlineData("192.0.2.5", null, null, true, "tls 192.0.2.5:5061")]
    [InlineData("192.0.2.5", 5080, "tcp", false, "tcp 192.0.2.5:5080")]
    [InlineData("[2001:db8::5]", null, null, false, "udp [2001:db8::5]:5060")]
    [InlineData("2001:db8::5", 5999, "tcp", true, "tls [2001:db8::5]:5999")]
    public async Task Numeric_host_is_used_directly_without_dns(string host, int? port, string? transport, bool secure, string expected)
    {
        var result = await Locator().LocateAsync(new SipLocationRequest(host, port, transport, secure)).Within("a located target");

        Assert.Equal([expected], Describe(result));
        Assert.Empty(server.Queries);
    }

    [Fact]
    public async Task Explicit_port_uses_only_address_records()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("example.test", 5099)).Within("located targets");

        Assert.Equal(["udp 192.0.2.1:5099"], Describe(result));
        Assert.Equal(["A example.test", "AAAA example.test"], Asked().Order());
    }

    [Fact]
    public async Task Transport_parameter_selects_the_srv_for_that_transport()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("example.test", Transport: "TCP")).Within("located targets");

        Assert.Equal(["tcp 192.0.2.60:5060"], Describe(result));
        Assert.DoesNotContain(Asked(), q => q.StartsWith("NAPTR", StringComparison.Ordinal));
        Assert.Contains("SRV _sip._tcp.example.test", Asked());
    }

    [Fact]
    public async Task Sips_with_transport_tcp_looks_up_sips_tcp()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("example.test", Transport: "tcp", Secure: true)).Within("located targets");

        Assert.Equal(["tls 192.0.2.61:5061"], Describe(result));
    }

    [Fact]
    public async Task Transport_parameter_without_srv_falls_back_to_addresses_on_the_default_port()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("plain.test", Transport: "tcp")).Within("located targets");

        Assert.Equal(["tcp 192.0.2.90:5060", "tcp [2001:db8::90]:5060"], Describe(result));
    }

    [Fact]
    public async Task Naptr_chain_orders_targets_by_naptr_order_then_srv()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("example.test")).Within("located targets");

        Assert.Equal(
            ["tls 192.0.2.61:5061", "tcp 192.0.2.60:5060", "udp 192.0.2.70:5070", "udp [2001:db8::70]:5070"],
            Describe(result));
        Assert.Equal("NAPTR example.test", Asked()[0]);
    }

    [Fact]
    public async Task Sips_uri_uses_only_sips_naptr_records()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("example.test", Secure: true)).Within("located targets");

        Assert.Equal(["tls 192.0.2.61:5061"], Describe(result));
        Assert.Equal("tls.example.test", result.Targets[0].Host);
    }

    [Fact]
    public async Task Without_naptr_srv_is_tried_for_sips_tcp_then_sip_tcp_then_sip_udp()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("srvonly.test")).Within("located targets");

        Assert.Equal(["tcp 192.0.2.80:5080", "udp 192.0.2.80:5090"], Describe(result));
        Assert.Contains("SRV _sips._tcp.srvonly.test", Asked());
    }

    [Fact]
    public async Task Without_naptr_or_srv_the_host_addresses_on_5060_are_used()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("plain.test")).Within("located targets");

        Assert.Equal(["udp 192.0.2.90:5060", "udp [2001:db8::90]:5060"], Describe(result));
    }

    [Fact]
    public async Task Sips_without_naptr_or_srv_uses_tls_on_5061()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("plain.test", Secure: true)).Within("located targets");

        Assert.Equal(["tls 192.0.2.90:5061", "tls [2001:db8::90]:5061"], Describe(result));
    }

    [Fact]
    public async Task Prefer_ipv6_puts_aaaa_addresses_first()
    {
        var result = await Locator(new DnsSettings { PreferIpv6 = true }).LocateAsync(new SipLocationRequest("plain.test")).Within("located targets");

        Assert.Equal(["udp [2001:db8::90]:5060", "udp 192.0.2.90:5060"], Describe(result));
    }

    [Fact]
    public async Task Ipv6_off_never_asks_for_aaaa()
    {
        var result = await Locator(new DnsSettings { UseIpv6 = false }).LocateAsync(new SipLocationRequest("plain.test", 5060)).Within("located targets");

        Assert.Equal(["udp 192.0.2.90:5060"], Describe(result));
        Assert.DoesNotContain(Asked(), q => q.StartsWith("AAAA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Srv_targets_follow_priority_and_the_seeded_weighted_order()
    {
        var expected = SrvOrdering.Order(
            (await client.QueryAsync("_sip._udp.weighted.test", DnsRecordType.SRV)).Records.Cast<SrvRecord>(), new Random(3))
            .Select(r => r.Target).ToArray();

        var result = await Locator(seed: 3).LocateAsync(new SipLocationRequest("weighted.test", Transport: "udp")).Within("located targets");

        Assert.Equal(expected, result.Targets.Select(t => t.Host));
        Assert.Equal("d.weighted.test", result.Targets[^1].Host); // priority 20 always last
    }

    [Fact]
    public async Task Different_seeds_spread_the_first_target_over_weighted_records()
    {
        var firsts = new HashSet<string>();
        for (var seed = 0; seed < 40; seed++)
        {
            var result = await Locator(seed: seed).LocateAsync(new SipLocationRequest("weighted.test", Transport: "udp")).Within("located targets");
            firsts.Add(result.Targets[0].Host);
        }

        Assert.Contains("a.weighted.test", firsts);
        Assert.Contains("b.weighted.test", firsts);
        Assert.DoesNotContain("d.weighted.test", firsts);
    }

    [Fact]
    public async Task Srv_dot_target_means_no_service_even_with_addresses()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("closed.test", Transport: "udp")).Within("a failed location");

        Assert.False(result.IsSuccess);
        Assert.Contains("not available", result.Failure);
    }

    [Fact]
    public async Task Unknown_domain_fails_with_the_lookups_that_came_back_empty()
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("nowhere.test")).Within("a failed location");

        Assert.False(result.IsSuccess);
        Assert.Contains("no such domain", result.Failure);
        Assert.Contains("nowhere.test", result.Failure);
    }

    [Theory]
    [InlineData("udp", true, "TLS")]
    [InlineData("ws", false, "RFC 7118")]
    [InlineData("sctp", false, "not supported")]
    public async Task Unusable_transport_parameter_is_refused_with_a_reason(string transport, bool secure, string reason)
    {
        var result = await Locator().LocateAsync(new SipLocationRequest("example.test", Transport: transport, Secure: secure)).Within("a refusal");

        Assert.False(result.IsSuccess);
        Assert.Contains(reason, result.Failure);
        Assert.Empty(server.Queries);
    }

    [Fact]
    public async Task Repeated_location_is_answered_from_the_dns_cache()
    {
        await Locator().LocateAsync(new SipLocationRequest("example.test")).Within("the first location");
        var queries = server.Queries.Count;

        var again = await Locator().LocateAsync(new SipLocationRequest("example.test")).Within("the second location");

        Assert.Equal(4, again.Targets.Count);
        Assert.Equal(queries, server.Queries.Count);
    }
}
