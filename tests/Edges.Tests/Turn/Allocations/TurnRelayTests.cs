using System.Net;
using System.Net.Sockets;
using System.Buffers.Binary;
using Cluster.Edges.Turn.Channels;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Allocations;

/// <summary>CreatePermission, ChannelBind, Send/Data indications and ChannelData (RFC 8656 §9-§12) with a real peer socket.</summary>
public sealed class TurnRelayTests
{
    private static Socket NewPeer()
    {
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return peer;
    }

    private static async Task<(byte[] Data, IPEndPoint From)> ReceiveAtPeerAsync(Socket peer)
    {
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TurnTestClient.Deadline);
        try
        {
            var result = await peer.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            return (buffer[..result.ReceivedBytes], (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The peer got no relayed datagram within {TurnTestClient.Deadline}.");
        }
    }

    private static async Task<IPEndPoint> AllocateAsync(TurnTestClient client)
    {
        var response = await client.AllocateAsync();
        Assert.Equal(0, TurnTestClient.ErrorCode(response));
        return TurnTestClient.XorAddress(response, StunAttributeType.XorRelayedAddress);
    }

    [Fact]
    public async Task Send_indication_reaches_the_peer_and_the_answer_comes_back_as_a_data_indication()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        using var peer = NewPeer();
        var relayed = await AllocateAsync(client);
        var peerAddress = (IPEndPoint)peer.LocalEndPoint!;
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.CreatePermissionAsync(peerAddress)));

        client.SendIndication(peerAddress, [1, 2, 3, 4, 5]);
        var (data, from) = await ReceiveAtPeerAsync(peer);
        Assert.Equal([1, 2, 3, 4, 5], data);
        Assert.Equal(relayed, from);

        await peer.SendToAsync(new byte[] { 9, 8, 7 }, relayed);
        var indication = await client.ReceiveAsync();
        TurnTestClient.Parse(indication, out var message);
        Assert.Equal((StunMethod.Data, StunClass.Indication), (message.Method, message.Class));
        Assert.Equal(peerAddress, TurnTestClient.XorAddress(indication, StunAttributeType.XorPeerAddress));
        Assert.True(message.TryGetAttribute(StunAttributeType.Data, out var payload));
        Assert.Equal([9, 8, 7], payload.ToArray());
        // The relay counts a packet after handing it to the socket, so the client may see it a moment before the count.
        await TurnServerFixture.WaitUntilAsync(
            () => fixture.Server.ListAllocations() is [{ PacketsToPeer: 1, PacketsToClient: 1 }],
            "one packet counted each way on the single allocation");
    }

    [Fact]
    public async Task Data_without_a_permission_is_dropped_in_both_directions()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        using var peer = NewPeer();
        var relayed = await AllocateAsync(client);

        client.SendIndication((IPEndPoint)peer.LocalEndPoint!, [1]);
        await peer.SendToAsync(new byte[] { 2 }, relayed);

        await TurnServerFixture.WaitUntilAsync(() => fixture.Server.Counters.DroppedNoPermission == 2, "both datagrams to be dropped for lack of a permission");
        Assert.Equal(0, fixture.Server.Counters.PacketsToPeer + fixture.Server.Counters.PacketsToClient);
    }

    [Fact]
    public async Task Permission_for_a_denied_peer_gets_403_and_installs_nothing()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        await AllocateAsync(client);

        var response = await client.RequestAsync(StunMethod.CreatePermission, (ref StunMessageWriter w) =>
        {
            w.AddXorAddress(StunAttributeType.XorPeerAddress, IPAddress.Parse("198.51.100.7"), 5000);
            w.AddXorAddress(StunAttributeType.XorPeerAddress, IPAddress.Parse("169.254.169.254"), 80);
        });

        Assert.Equal(403, TurnTestClient.ErrorCode(response));
        Assert.Empty(Assert.Single(fixture.Server.ListAllocations()).Permissions);
    }

    [Fact]
    public async Task Loopback_peer_is_forbidden_without_an_allow_list_entry()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { PeerAllow = [] });
        using var client = fixture.Client();
        await AllocateAsync(client);

        Assert.Equal(403, TurnTestClient.ErrorCode(await client.CreatePermissionAsync(new IPEndPoint(IPAddress.Loopback, 5000))));
        Assert.Equal(403, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x4001, new IPEndPoint(IPAddress.Parse("10.1.2.3"), 5000))));
    }

    [Fact]
    public async Task Permission_without_an_allocation_gets_437_and_without_a_peer_400()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        Assert.Equal(437, TurnTestClient.ErrorCode(await client.CreatePermissionAsync(new IPEndPoint(IPAddress.Loopback, 5000))));
        await AllocateAsync(client);

        Assert.Equal(400, TurnTestClient.ErrorCode(await client.RequestAsync(StunMethod.CreatePermission)));
    }

    [Fact]
    public async Task Channel_data_flows_both_ways_after_channel_bind()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        using var peer = NewPeer();
        var relayed = await AllocateAsync(client);
        var peerAddress = (IPEndPoint)peer.LocalEndPoint!;
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x4001, peerAddress)));

        client.SendChannelData(0x4001, [10, 20, 30]);
        var (data, from) = await ReceiveAtPeerAsync(peer);
        Assert.Equal([10, 20, 30], data);
        Assert.Equal(relayed, from);

        await peer.SendToAsync(new byte[] { 40, 50 }, relayed);
        var frame = await client.ReceiveAsync();
        Assert.True(ChannelData.TryRead(frame, out var channel, out var payload));
        Assert.Equal(0x4001, channel);
        Assert.Equal([40, 50], payload.ToArray());
        var info = Assert.Single(fixture.Server.ListAllocations());
        Assert.Equal([$"0x4001={peerAddress}"], info.Channels);
        Assert.Equal(["127.0.0.1"], info.Permissions);
    }

    [Fact]
    public async Task Channel_bind_conflicts_and_bad_numbers_get_400_and_rebinding_the_same_pair_refreshes()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { Rfc5766Channels = false });
        using var client = fixture.Client();
        using var peerA = NewPeer();
        using var peerB = NewPeer();
        await AllocateAsync(client);
        var a = (IPEndPoint)peerA.LocalEndPoint!;
        var b = (IPEndPoint)peerB.LocalEndPoint!;
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x4000, a)));

        Assert.Equal(400, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x4000, b)));
        Assert.Equal(400, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x4002, a)));
        Assert.Equal(400, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x3FFF, b)));
        Assert.Equal(400, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x5000, b)));
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x4000, a)));
        Assert.Equal(0, TurnTestClient.ErrorCode(await client.ChannelBindAsync(0x4FFF, b)));
    }

    [Fact]
    public async Task Channel_data_on_an_unbound_channel_is_dropped()
    {
        await using var fixture = TurnServerFixture.Start();
        using var client = fixture.Client();
        await AllocateAsync(client);

        client.SendChannelData(0x4123, [1, 2]);

        await TurnServerFixture.WaitUntilAsync(() => fixture.Server.Counters.DroppedNoChannel == 1, "ChannelData on an unbound channel to be dropped");
    }

    [Fact]
    public async Task Tcp_allocation_relays_padded_channel_data_and_ends_with_the_connection()
    {
        await using var fixture = TurnServerFixture.Start();
        using var peer = NewPeer();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Tcp);
        var stream = tcp.GetStream();
        var user = TurnTestClient.Rest(fixture.Udp, TurnServerFixture.Secret, "ivan"); // only used to build messages
        using var _ = user;

        async Task<byte[]> ExchangeAsync(byte[] request)
        {
            await stream.WriteAsync(request);
            var header = new byte[20];
            await stream.ReadExactlyAsync(header);
            var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2))];
            await stream.ReadExactlyAsync(body);
            return [.. header, .. body];
        }

        var challenge = await ExchangeAsync(user.Build(StunMethod.Allocate, TurnTestClient.NewTransactionId(), (ref StunMessageWriter w) => w.AddRequestedTransport(17)));
        Assert.Equal(401, TurnTestClient.ErrorCode(challenge));
        TurnTestClient.Parse(challenge, out var message);
        var nonce = TurnTestClient.Text(in message, StunAttributeType.Nonce);
        byte[] Signed(StunMethod method, TurnTestClient.WriteAttributes attributes)
        {
            var buffer = new byte[1024];
            var writer = new StunMessageWriter(buffer, method, StunClass.Request, TurnTestClient.NewTransactionId());
            attributes(ref writer);
            writer.AddText(StunAttributeType.Username, user.Username);
            writer.AddText(StunAttributeType.Realm, TurnServerFixture.Realm);
            writer.AddText(StunAttributeType.Nonce, nonce);
            writer.AddMessageIntegrity(user.Key);
            writer.AddFingerprint();
            return writer.Written.ToArray();
        }

        var allocated = await ExchangeAsync(Signed(StunMethod.Allocate, (ref StunMessageWriter w) => w.AddRequestedTransport(17)));
        Assert.Equal(0, TurnTestClient.ErrorCode(allocated));
        var relayed = TurnTestClient.XorAddress(allocated, StunAttributeType.XorRelayedAddress);
        var peerAddress = (IPEndPoint)peer.LocalEndPoint!;
        Assert.Equal(0, TurnTestClient.ErrorCode(await ExchangeAsync(Signed(StunMethod.ChannelBind, (ref StunMessageWriter w) =>
        {
            w.AddChannelNumber(0x4002);
            w.AddXorAddress(StunAttributeType.XorPeerAddress, peerAddress.Address, peerAddress.Port);
        }))));

        var frame = new byte[ChannelData.GetEncodedLength(5, padToFourBytes: true)];
        ChannelData.Write(frame, 0x4002, [1, 2, 3, 4, 5], padToFourBytes: true);
        await stream.WriteAsync(frame);
        Assert.Equal([1, 2, 3, 4, 5], (await ReceiveAtPeerAsync(peer)).Data);

        await peer.SendToAsync(new byte[] { 6, 7, 8 }, relayed);
        var back = new byte[8]; // 4-byte header + 3 bytes + 1 byte padding (RFC 8656 §12.5)
        await stream.ReadExactlyAsync(back);
        Assert.True(ChannelData.TryRead(back, out var channel, out var data));
        Assert.Equal(0x4002, channel);
        Assert.Equal([6, 7, 8], data.ToArray());

        tcp.Close();
        await TurnServerFixture.WaitUntilAsync(() => fixture.Server.Allocations.Count == 0, "the TCP allocation to end with its connection");
    }
}
