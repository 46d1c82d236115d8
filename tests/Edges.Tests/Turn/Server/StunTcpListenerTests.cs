using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Server;

public sealed class StunTcpListenerTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly StunSettings settings = new() { ListenAddress = IPAddress.Loopback, Port = 0 };
    private readonly StunServerCounters counters = new();
    private StunTcpListener listener = null!;

    public Task InitializeAsync()
    {
        listener = new StunTcpListener(settings, StunDispatcher.BindingOnly(settings, counters));
        listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await listener.DisposeAsync();

    private static byte[] BindingRequest(byte id)
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.Request, Enumerable.Repeat(id, 12).ToArray());
        writer.AddText(StunAttributeType.Software, "tcp-test");
        writer.AddFingerprint();
        return writer.Written.ToArray();
    }

    private static async Task<byte[]> ReadMessageAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var header = new byte[20];
        try
        {
            await stream.ReadExactlyAsync(header, timeout.Token);
            var body = new byte[(header[2] << 8) | header[3]];
            await stream.ReadExactlyAsync(body, timeout.Token);
            return [.. header, .. body];
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No complete STUN response on TCP within {Deadline}.");
        }
    }

    [Fact]
    public async Task Requests_split_and_coalesced_on_the_stream_are_each_answered_in_order()
    {
        using var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync((IPEndPoint)listener.LocalEndPoint!);
        var stream = tcp.GetStream();
        byte[] both = [.. BindingRequest(1), .. Hex.Bytes("40 01 00 01 ff 00 00 00"), .. BindingRequest(2)];
        // Write in awkward pieces: inside the first header, across the boundary, the rest.
        await stream.WriteAsync(both.AsMemory(0, 3));
        await stream.FlushAsync();
        await stream.WriteAsync(both.AsMemory(3, 40));
        await stream.WriteAsync(both.AsMemory(43));

        foreach (var id in new byte[] { 1, 2 })
        {
            var response = await ReadMessageAsync(stream);
            Assert.True(StunMessage.TryParse(response, out var message, out var error), error.ToString());
            Assert.Equal(Enumerable.Repeat(id, 12).ToArray(), message.TransactionId.ToArray());
            Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var mapped));
            Assert.True(StunAttributeDecoder.TryReadXorAddress(mapped, message.CookieAndTransactionId, out var endPoint));
            Assert.Equal(tcp.Client.LocalEndPoint, endPoint);
        }

        Assert.Equal(1, counters.DroppedUnhandled); // the ChannelData frame: no allocation on a STUN-only server
    }

    [Fact]
    public async Task Garbage_that_breaks_framing_closes_the_connection()
    {
        using var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync((IPEndPoint)listener.LocalEndPoint!);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Hex.Bytes("c0 ff ee 00 00 00 00 00"));
        using var timeout = new CancellationTokenSource(Deadline);
        var read = await stream.ReadAsync(new byte[16], timeout.Token);
        Assert.Equal(0, read);
        Assert.Equal(1, counters.DroppedMalformed);
    }
}
