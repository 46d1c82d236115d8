using System.Net;
using Cluster.Edges.Dns;
using Cluster.Edges.Dns.Codec;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Dns.Client;

public sealed class DnsClientTransportTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new();
    private TestDnsServer first = null!;
    private TestDnsServer second = null!;

    public Task InitializeAsync()
    {
        first = TestDnsServer.Start(Zone());
        second = TestDnsServer.Start(Zone());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    private static TestZone Zone()
    {
        var zone = new TestZone().A("sip.example.test", "192.0.2.10");
        // 60 addresses make an answer of about 1 KB: over 512 bytes, under the 1232 advertised with EDNS0.
        for (var i = 1; i <= 60; i++)
            zone.A("big.example.test", $"198.51.100.{i}");
        return zone;
    }

    [Fact]
    public async Task Silent_first_server_fails_over_to_the_second_after_the_timeout()
    {
        first.Behavior = _ => ServerAction.Drop;
        using var client = ClientFactory.Create(time, first, second);

        var lookup = client.QueryAsync("sip.example.test", DnsRecordType.A);
        await first.NextQueryAsync("the query at the first server");
        Assert.False(lookup.IsCompleted, "nothing may answer before the timeout");
        time.Advance(ClientFactory.Timeout);
        var result = await lookup.Within("the second server's answer");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.Equal(1, second.UdpQueryCount);
        Assert.Equal(1, client.Statistics.Timeouts);
    }

    [Fact]
    public async Task Servfail_moves_to_the_next_server_without_waiting()
    {
        first.Behavior = _ => ServerAction.ServerFailure;
        using var client = ClientFactory.Create(time, first, second);

        var result = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("the second server's answer");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.Equal(1, client.Statistics.ServerFailures);
    }

    [Fact]
    public async Task All_servers_silent_for_every_attempt_is_a_timeout_and_not_cached()
    {
        first.Behavior = _ => ServerAction.Drop;
        second.Behavior = _ => ServerAction.Drop;
        using var client = ClientFactory.Create(time, new DnsSettings { Attempts = 2 }, first, second);

        var lookup = client.QueryAsync("sip.example.test", DnsRecordType.A);
        for (var round = 1; round <= 2; round++)
        {
            foreach (var server in new[] { first, second })
            {
                await server.NextQueryAsync($"attempt {round} at {server.EndPoint}");
                time.Advance(ClientFactory.Timeout);
            }
        }
        var result = await lookup.Within("a timeout result");

        Assert.Equal(DnsQueryStatus.Timeout, result.Status);
        Assert.Contains("2 attempts", result.Error);
        Assert.Equal(0, client.CachedCount);
    }

    [Fact]
    public async Task Truncated_udp_answer_is_retried_over_tcp()
    {
        first.Behavior = q => ServerAction.Truncate;
        using var client = ClientFactory.Create(time, first);

        var result = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("the answer over TCP");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.Equal(1, first.UdpQueryCount);
        Assert.Equal(1, first.TcpQueryCount);
        Assert.Equal(1, client.Statistics.TcpFallbacks);
    }

    [Fact]
    public async Task Edns0_lets_a_kilobyte_answer_arrive_over_udp()
    {
        using var client = ClientFactory.Create(time, first);

        var result = await client.QueryAsync("big.example.test", DnsRecordType.A).Within("a large UDP answer");

        Assert.Equal(60, result.Records.Count);
        Assert.Equal(1232, first.Queries.Single().Message.Opt!.UdpPayloadSize);
        Assert.Equal(0, first.TcpQueryCount);
    }

    [Fact]
    public async Task Without_edns0_a_kilobyte_answer_needs_tcp()
    {
        using var client = ClientFactory.Create(time, new DnsSettings { UdpPayloadSize = 0 }, first);

        var result = await client.QueryAsync("big.example.test", DnsRecordType.A).Within("a large answer over TCP");

        Assert.Equal(60, result.Records.Count);
        Assert.Null(first.Queries[0].Message.Opt);
        Assert.Equal(1, first.TcpQueryCount);
    }

    [Fact]
    public async Task Server_rejecting_edns0_is_asked_again_without_it()
    {
        first.Behavior = _ => ServerAction.RejectEdns;
        using var client = ClientFactory.Create(time, first);

        var result = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("an answer without EDNS0");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.NotNull(first.Queries[0].Message.Opt);
        Assert.Null(first.Queries[1].Message.Opt);
    }

    [Fact]
    public async Task Answers_with_a_wrong_id_or_question_are_dropped()
    {
        first.Behavior = _ => ServerAction.SpoofThenAnswer;
        using var client = ClientFactory.Create(time, first);

        var result = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("the genuine answer");

        var a = Assert.IsType<ARecord>(Assert.Single(result.Records));
        Assert.Equal(IPAddress.Parse("192.0.2.10"), a.Address);
        Assert.Equal(2, client.Statistics.MismatchedResponses);
    }

    [Fact]
    public async Task Only_forged_answers_end_in_a_timeout_not_in_forged_data()
    {
        first.Behavior = _ => ServerAction.SpoofOnly;
        using var client = ClientFactory.Create(time, first);

        var lookup = client.QueryAsync("sip.example.test", DnsRecordType.A);
        await first.NextQueryAsync("the query");
        // Both forgeries must have been seen and dropped before the clock moves, or the test proves nothing.
        await WaitUntil(() => client.Statistics.MismatchedResponses == 2, "two forged answers dropped");
        time.Advance(ClientFactory.Timeout);
        var result = await lookup.Within("a timeout");

        Assert.Equal(DnsQueryStatus.Timeout, result.Status);
        Assert.Empty(result.Records);
    }

    [Fact]
    public async Task Answer_with_a_compression_loop_is_rejected_and_the_next_server_asked()
    {
        first.Behavior = _ => ServerAction.PointerLoop;
        using var client = ClientFactory.Create(time, first, second);

        var result = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("the second server's answer");

        Assert.Equal(DnsQueryStatus.Success, result.Status);
        Assert.Equal(1, client.Statistics.MalformedResponses);
        Assert.Equal(1, second.UdpQueryCount);
    }

    [Fact]
    public async Task Only_a_malformed_answer_fails_with_the_parse_reason()
    {
        first.Behavior = _ => ServerAction.PointerLoop;
        using var client = ClientFactory.Create(time, first);

        var result = await client.QueryAsync("sip.example.test", DnsRecordType.A).Within("a failed lookup");

        Assert.Equal(DnsQueryStatus.ServerFailure, result.Status);
        Assert.Contains("pointer", result.Error);
    }

    [Fact]
    public async Task Identical_lookups_in_flight_share_one_query()
    {
        first.Behavior = _ => ServerAction.Hold;
        using var client = ClientFactory.Create(time, first);

        var a = client.QueryAsync("sip.example.test", DnsRecordType.A);
        await first.NextQueryAsync("the shared query");
        var b = client.QueryAsync("sip.example.test", DnsRecordType.A);
        first.ReleaseHeld();
        var results = await Task.WhenAll(a, b).Within("both lookups answered");

        Assert.All(results, r => Assert.Equal(DnsQueryStatus.Success, r.Status));
        Assert.Equal(1, first.UdpQueryCount);
        Assert.Equal(1, client.Statistics.Coalesced);
    }

    [Fact]
    public async Task Cancelled_caller_does_not_cancel_the_shared_lookup()
    {
        first.Behavior = _ => ServerAction.Hold;
        using var client = ClientFactory.Create(time, first);
        using var cancel = new CancellationTokenSource();

        var impatient = client.QueryAsync("sip.example.test", DnsRecordType.A, cancel.Token);
        await first.NextQueryAsync("the shared query");
        var patient = client.QueryAsync("sip.example.test", DnsRecordType.A);
        cancel.Cancel();
        first.ReleaseHeld();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal(DnsQueryStatus.Success, (await patient.Within("the patient caller's answer")).Status);
    }

    [Fact]
    public async Task Query_ids_and_source_ports_vary()
    {
        using var client = ClientFactory.Create(time, new DnsSettings { CacheSize = 0 }, first);

        for (var i = 0; i < 16; i++)
            await client.QueryAsync("sip.example.test", DnsRecordType.A).Within($"answer {i}");

        // 16 draws from 65536 ids: all equal has probability 2^-240; ephemeral ports likewise differ per socket.
        Assert.True(first.Queries.Select(q => q.Message.Header.Id).Distinct().Count() > 1, "query ids must be random");
        Assert.True(first.Queries.Select(q => q.From.Port).Distinct().Count() > 1, "source ports must vary");
    }

    private static async Task WaitUntil(Func<bool> condition, string expectation)
    {
        var deadline = DateTime.UtcNow + Deadline.Default;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Expected {expectation} within {Deadline.Default.TotalSeconds:0} s.");
            await Task.Delay(1); // poll interval while waiting on a counter, bounded by the deadline above
        }
    }
}
