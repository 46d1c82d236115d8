using System.Net;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Allocations;

/// <summary>Allocate and Refresh (RFC 8656 §7) against a real server on loopback, with a real UDP client.</summary>
public sealed class TurnAllocateTests
{
    [Fact]
    public async Task Allocate_without_credentials_is_challenged_with_realm_and_nonce()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        var response = await client.ExchangeAsync(client.Build(StunMethod.Allocate, TurnTestClient.NewTransactionId(), (ref StunMessageWriter w) => w.AddRequestedTransport(17)));

        Assert.Equal(401, TurnTestClient.ErrorCode(response));
        TurnTestClient.Parse(response, out var message);
        Assert.Equal(TurnServerFixture.Realm, TurnTestClient.Text(in message, StunAttributeType.Realm));
        Assert.NotEmpty(TurnTestClient.Text(in message, StunAttributeType.Nonce));
        Assert.Equal(0, fixture.Server.Allocations.Count);
    }

    [Fact]
    public async Task Allocate_with_rest_credentials_returns_relayed_and_mapped_addresses_and_default_lifetime()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        var response = await client.AllocateAsync();

        Assert.Equal(0, TurnTestClient.ErrorCode(response));
        TurnTestClient.Parse(response, out var message);
        Assert.True(message.VerifyMessageIntegrity(client.Key), "success response must be signed with the client's key");
        Assert.True(message.VerifyFingerprint());
        var relayed = TurnTestClient.XorAddress(response, StunAttributeType.XorRelayedAddress);
        Assert.Equal(IPAddress.Loopback, relayed.Address);
        Assert.InRange(relayed.Port, 20000, 29999);
        Assert.Equal(client.LocalEndPoint, TurnTestClient.XorAddress(response, StunAttributeType.XorMappedAddress));
        Assert.Equal(600u, TurnTestClient.Lifetime(response));
        var info = Assert.Single(fixture.Server.ListAllocations("alice"));
        Assert.Equal(relayed.ToString(), info.Relayed);
        Assert.Equal(1, fixture.Server.Ports.InUse);
    }

    [Fact]
    public async Task Retransmitted_allocate_gets_the_same_response_and_is_counted_once()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        await client.RefreshAsync(600); // learns the nonce (437: no allocation yet)
        var id = TurnTestClient.NewTransactionId();
        var request = client.Build(StunMethod.Allocate, id, (ref StunMessageWriter w) => w.AddRequestedTransport(17));

        var first = await client.ExchangeAsync(request);
        var again = await client.ExchangeAsync(request);

        Assert.Equal(0, TurnTestClient.ErrorCode(first));
        Assert.Equal(first, again);
        Assert.Equal(1, fixture.Server.Counters.AllocationsCreated);
        Assert.Equal(1, fixture.Server.Allocations.Count);
    }

    [Fact]
    public async Task Second_allocate_on_the_same_five_tuple_gets_437()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.AllocateAsync()));

        Assert.Equal(437, TurnTestClient.ErrorCode(await client.AllocateAsync()));
        Assert.Equal(1, fixture.Server.Allocations.Count);
    }

    [Fact]
    public async Task Request_on_an_allocation_with_another_username_gets_441()
    {
        await using var fixture = TurnServerFixture.Start();
        using var alice = fixture.Client("alice");
        Assert.Equal(0, TurnTestClient.ErrorCode(await alice.AllocateAsync()));
        using var mallory = fixture.Client("mallory");
        var response = await mallory.AllocateAsync(); // learns the nonce on its own socket
        Assert.Equal(0, TurnTestClient.ErrorCode(response));

        // Same socket (5-tuple) as alice, valid credentials of another user.
        var request = mallory.Build(StunMethod.Refresh, TurnTestClient.NewTransactionId(), (ref StunMessageWriter w) => w.AddLifetime(600));
        alice.Send(request);
        var answer = await alice.ReceiveAsync();

        Assert.Equal(441, TurnTestClient.ErrorCode(answer));
    }

    [Fact]
    public async Task Tcp_relay_request_gets_442_and_missing_transport_gets_400()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();

        var tcp = await client.RequestAsync(StunMethod.Allocate, (ref StunMessageWriter w) => w.AddRequestedTransport(6));
        var none = await client.RequestAsync(StunMethod.Allocate);

        Assert.Equal(442, TurnTestClient.ErrorCode(tcp));
        Assert.Equal(400, TurnTestClient.ErrorCode(none));
        Assert.Equal(0, fixture.Server.Allocations.Count);
    }

    [Fact]
    public async Task Allocation_beyond_the_user_quota_gets_486_and_other_users_are_unaffected()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { UserQuota = 2 });
        var clients = Enumerable.Range(0, 3).Select(_ => fixture.Client("bob")).ToList();
        using var carol = fixture.Client("carol");
        try
        {
            Assert.Equal(0, TurnTestClient.ErrorCode(await clients[0].AllocateAsync()));
            Assert.Equal(0, TurnTestClient.ErrorCode(await clients[1].AllocateAsync()));
            Assert.Equal(486, TurnTestClient.ErrorCode(await clients[2].AllocateAsync()));
            Assert.Equal(0, TurnTestClient.ErrorCode(await carol.AllocateAsync()));
            Assert.Equal(3, fixture.Server.Allocations.Count);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Allocation_beyond_the_total_quota_gets_486()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { TotalQuota = 1 });
        using var first = fixture.Client("dave");
        using var second = fixture.Client("erin");

        Assert.Equal(0, TurnTestClient.ErrorCode(await first.AllocateAsync()));
        Assert.Equal(486, TurnTestClient.ErrorCode(await second.AllocateAsync()));
    }

    [Fact]
    public async Task Exhausted_relay_port_range_gets_508()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { RelayPortMin = 39517, RelayPortMax = 39517 });
        using var first = fixture.Client("frank");
        using var second = fixture.Client("grace");

        Assert.Equal(0, TurnTestClient.ErrorCode(await first.AllocateAsync()));
        Assert.Equal(508, TurnTestClient.ErrorCode(await second.AllocateAsync()));
        Assert.Equal(1, fixture.Server.Allocations.Reserved);
    }

    [Fact]
    public async Task Refresh_with_lifetime_zero_deletes_the_allocation_and_frees_its_port()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.AllocateAsync()));

        var response = await client.RefreshAsync(0);

        Assert.Equal(0, TurnTestClient.ErrorCode(response));
        Assert.Equal(0u, TurnTestClient.Lifetime(response));
        await TurnServerFixture.WaitUntilAsync(() => fixture.Server.Allocations.Count == 0 && fixture.Server.Ports.InUse == 0,
            "the allocation to be removed and its port returned");
        Assert.Equal(0, fixture.Server.Allocations.Reserved);
        Assert.Equal(437, TurnTestClient.ErrorCode(await client.RefreshAsync(600)));
    }

    [Fact]
    public async Task Refresh_lifetime_is_capped_at_the_maximum_and_raised_to_the_default()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        Assert.Equal(3600u, TurnTestClient.Lifetime(await client.AllocateAsync(
            (ref StunMessageWriter w) => w.AddLifetime(7200))));

        Assert.Equal(3600u, TurnTestClient.Lifetime(await client.RefreshAsync(100000)));
        Assert.Equal(600u, TurnTestClient.Lifetime(await client.RefreshAsync(30)));
    }

    [Fact]
    public async Task Allocation_that_is_not_refreshed_expires_and_releases_its_port()
    {
        await using var fixture = TurnServerFixture.Start(s => s with
        {
            DefaultAllocationLifetime = TimeSpan.FromSeconds(1),
            MaxAllocationLifetime = TimeSpan.FromSeconds(1),
        });
        using var client = fixture.Client();
        Assert.Equal(1u, TurnTestClient.Lifetime(await client.AllocateAsync()));

        await TurnServerFixture.WaitUntilAsync(() => fixture.Server.Allocations.Count == 0, "the allocation to expire after 1 s");
        await TurnServerFixture.WaitUntilAsync(() => fixture.Server.Ports.InUse == 0, "the relay port to be returned");
        Assert.Equal(1, fixture.Server.Counters.AllocationsExpired);
    }

    [Fact]
    public async Task Even_port_with_reservation_gives_an_even_port_and_a_token_for_the_next_one()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { RelayPortMin = 38000, RelayPortMax = 38999 });
        using var first = fixture.Client("henry");
        var response = await first.AllocateAsync((ref StunMessageWriter w) => w.AddEvenPort(reserveNext: true));
        Assert.Equal(0, TurnTestClient.ErrorCode(response));
        var relayed = TurnTestClient.XorAddress(response, StunAttributeType.XorRelayedAddress);
        Assert.Equal(0, relayed.Port % 2);
        TurnTestClient.Parse(response, out var message);
        Assert.True(message.TryGetAttribute(StunAttributeType.ReservationToken, out var tokenValue));
        var token = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(tokenValue);

        using var second = fixture.Client("henry");
        var claimed = await second.AllocateAsync((ref StunMessageWriter w) => w.AddReservationToken(token));

        Assert.Equal(relayed.Port + 1, TurnTestClient.XorAddress(claimed, StunAttributeType.XorRelayedAddress).Port);
        using var third = fixture.Client("henry");
        Assert.Equal(508, TurnTestClient.ErrorCode(await third.AllocateAsync((ref StunMessageWriter w) => w.AddReservationToken(token))));
    }

    [Fact]
    public async Task Dont_fragment_is_accepted_and_ipv6_relay_family_gets_440()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        Assert.Equal(440, TurnTestClient.ErrorCode(await client.AllocateAsync(
            (ref StunMessageWriter w) => w.AddAddressFamily(StunAttributeType.RequestedAddressFamily, StunAddressFamily.IPv6))));

        Assert.Equal(0, TurnTestClient.ErrorCode(await client.AllocateAsync((ref StunMessageWriter w) => w.AddDontFragment())));
    }
}
