using System.Net;
using Cluster.Edges.Dns;
using Cluster.Edges.Dns.Codec;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Dns.Client;

public sealed class DnsClientLookupTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new();
    private TestDnsServer server = null!;

    public Task InitializeAsync()
    {
        server = TestDnsServer.Start(new TestZone()
            .A("sip.example.test", "192.0.2.10", ttl: 120)
            .A("sip.example.test", "192.0.2.11", ttl: 60)
            .Aaaa("sip.example.test", "2001:db8::10")
            .Cname("alias.example.test", "sip.example.test", ttl: 30));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_lookup_returns_every_ipv4_address()
    {
        using var client = ClientFactory.Create(time, server);

        var result = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("an A answer");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.Equal(
            new[] { IPAddress.Parse("192.0.2.10"), IPAddress.Parse("192.0.2.11") },
            result.Records.Cast<ARecord>().Select(r => r.Address));
    }

    [Fact]
    public async Task Aaaa_lookup_returns_the_ipv6_address()
    {
        using var client = ClientFactory.Create(time, server);

        var result = await client.QueryAsync("SIP.Example.Test.", DnsRecordType.AAAA).Within("an AAAA answer");

        var aaaa = Assert.IsType<AaaaRecord>(Assert.Single(result.Records));
        Assert.Equal(IPAddress.Parse("2001:db8::10"), aaaa.Address);
    }

    [Fact]
    public async Task Second_lookup_is_served_from_cache_with_the_remaining_ttl()
    {
        using var client = ClientFactory.Create(time, server);
        await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("the first answer");

        time.Advance(TimeSpan.FromSeconds(45));
        var cached = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("the cached answer");

        Assert.True(cached.FromCache);
        Assert.Equal(1, server.UdpQueryCount);
        Assert.Equal(1, client.Statistics.CacheHits);
        // The entry lives for the smallest TTL (60 s); 45 s later 15 s remain on every record.
        Assert.All(cached.Records, r => Assert.Equal(15u, r.Ttl));
    }

    [Fact]
    public async Task Entry_expires_with_the_smallest_ttl_and_is_asked_again()
    {
        using var client = ClientFactory.Create(time, server);
        await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("the first answer");

        time.Advance(TimeSpan.FromSeconds(60));
        var fresh = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("a fresh answer");

        Assert.False(fresh.FromCache);
        Assert.Equal(2, server.UdpQueryCount);
    }

    [Fact]
    public async Task Max_ttl_caps_how_long_an_answer_is_cached()
    {
        using var client = ClientFactory.Create(time, new DnsSettings { MaxTtl = TimeSpan.FromSeconds(10) }, server);
        await client.QueryAsync("sip.example.test", DnsRecordType.AAAA).Within("the first answer");

        time.Advance(TimeSpan.FromSeconds(10));
        await client.QueryAsync("sip.example.test", DnsRecordType.AAAA).Within("a fresh answer");

        Assert.Equal(2, server.UdpQueryCount);
    }

    [Fact]
    public async Task Nxdomain_is_cached_for_the_soa_minimum()
    {
        server.Zone.SoaMinimum = 30; // RFC 2308 §5: min(SOA TTL 600, MINIMUM 30) = 30 s
        using var client = ClientFactory.Create(time, server);

        var first = await client.QueryAsync("missing.example.test", DnsRecordType.A).Within("an NXDOMAIN answer");
        time.Advance(TimeSpan.FromSeconds(29));
        var cached = await client.QueryAsync("missing.example.test", DnsRecordType.A).Within("the cached NXDOMAIN");
        time.Advance(TimeSpan.FromSeconds(1));
        var again = await client.QueryAsync("missing.example.test", DnsRecordType.A).Within("a fresh NXDOMAIN");

        Assert.Equal(DnsQueryStatus.NameError, first.Status);
        Assert.Equal(DnsQueryStatus.NameError, cached.Status);
        Assert.True(cached.FromCache);
        Assert.False(again.FromCache);
        Assert.Equal(2, server.UdpQueryCount);
    }

    [Fact]
    public async Task No_data_answer_is_cached_as_negative()
    {
        using var client = ClientFactory.Create(time, server);

        var first = await client.QueryAsync("sip.example.test", DnsRecordType.SRV).Within("a NODATA answer");
        var second = await client.QueryAsync("sip.example.test", DnsRecordType.SRV).Within("the cached NODATA");

        Assert.Equal(DnsQueryStatus.NoData, first.Status);
        Assert.Equal(DnsQueryStatus.NoData, second.Status);
        Assert.True(second.FromCache);
        Assert.Equal(1, server.UdpQueryCount);
    }

    [Fact]
    public async Task Negative_caching_off_asks_every_time()
    {
        using var client = ClientFactory.Create(time, new DnsSettings { MaxNegativeTtl = TimeSpan.Zero }, server);

        await client.QueryAsync("missing.example.test", DnsRecordType.A).Within("an NXDOMAIN answer");
        await client.QueryAsync("missing.example.test", DnsRecordType.A).Within("another NXDOMAIN answer");

        Assert.Equal(2, server.UdpQueryCount);
    }

    [Fact]
    public async Task Full_cache_evicts_the_least_recently_used_entry()
    {
        server.Zone.A("one.example.test", "192.0.2.1").A("two.example.test", "192.0.2.2").A("three.example.test", "192.0.2.3");
        using var client = ClientFactory.Create(time, new DnsSettings { CacheSize = 2 }, server);

        await client.QueryAsync("one.example.test", DnsRecordType.A).Within("one");
        await client.QueryAsync("two.example.test", DnsRecordType.A).Within("two");
        await client.QueryAsync("one.example.test", DnsRecordType.A).Within("one, cached"); // one is now most recent
        await client.QueryAsync("three.example.test", DnsRecordType.A).Within("three"); // evicts two
        var one = await client.QueryAsync("one.example.test", DnsRecordType.A).Within("one, still cached");
        var two = await client.QueryAsync("two.example.test", DnsRecordType.A).Within("two, asked again");

        Assert.True(one.FromCache);
        Assert.False(two.FromCache);
        Assert.Equal(2, client.CachedCount);
        Assert.Equal(4, server.UdpQueryCount);
    }

    [Fact]
    public async Task Cname_chain_in_one_answer_is_followed()
    {
        using var client = ClientFactory.Create(time, server);

        var result = await client.QueryAsync("alias.example.test", DnsRecordType.A).Within("an answer through the alias");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.Equal("sip.example.test", result.CanonicalName);
        Assert.Equal(2, result.Records.Count);
        Assert.Equal(1, server.UdpQueryCount);
    }

    [Fact]
    public async Task Cname_without_target_data_is_chased_with_a_second_query()
    {
        server.Zone.ChaseCnames = false;
        using var client = ClientFactory.Create(time, server);

        var result = await client.QueryAsync("alias.example.test", DnsRecordType.A).Within("an answer through the alias");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.Equal(["alias.example.test", "sip.example.test"], server.Queries.Select(q => q.Question.Name));
    }

    [Fact]
    public async Task Cached_alias_lives_no_longer_than_the_cname_ttl()
    {
        using var client = ClientFactory.Create(time, server);
        await client.QueryAsync("alias.example.test", DnsRecordType.A).Within("the first answer");

        time.Advance(TimeSpan.FromSeconds(30)); // CNAME TTL 30 s is below the A TTLs
        await client.QueryAsync("alias.example.test", DnsRecordType.A).Within("a fresh answer");

        Assert.Equal(2, server.UdpQueryCount);
    }

    [Fact]
    public async Task Cname_loop_fails_the_lookup_with_a_reason()
    {
        server.Zone.ChaseCnames = false;
        server.Zone.Cname("loop1.example.test", "loop2.example.test").Cname("loop2.example.test", "loop1.example.test");
        using var client = ClientFactory.Create(time, server);

        var result = await client.QueryAsync("loop1.example.test", DnsRecordType.A).Within("a failed lookup");

        Assert.Equal(DnsQueryStatus.ServerFailure, result.Status);
        Assert.Contains("loop", result.Error);
    }

    [Fact]
    public async Task Invalid_name_is_rejected_without_sending_anything()
    {
        using var client = ClientFactory.Create(time, server);

        var result = await client.QueryAsync(new string('x', 64) + ".test", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.InvalidName, result.Status);
        Assert.Contains("63", result.Error);
        Assert.Empty(server.Queries);
    }
}
