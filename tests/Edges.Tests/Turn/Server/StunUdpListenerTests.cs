using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Server;

public sealed class StunUdpListenerTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly StunSettings settings = new() { ListenAddress = IPAddress.Loopback, Port = 0, Software = "uc-test" };
    private readonly StunServerCounters counters = new();
    private StunUdpListener listener = null!;
    private UdpClient client = null!;

    public Task InitializeAsync()
    {
        listener = new StunUdpListener(settings, StunDispatcher.BindingOnly(settings, counters));
        listener.Start();
        client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await listener.DisposeAsync();
    }

    private async Task<byte[]> ExchangeAsync(byte[] request)
    {
        await client.SendAsync(request, listener.LocalEndPoint!);
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            return (await client.ReceiveAsync(timeout.Token)).Buffer;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No STUN response within {Deadline}; counters: {counters}");
        }
    }

    private static byte[] BindingRequest(Action<byte[]>? tamper = null, bool cookie = true, ushort extraAttribute = 0)
    {
        var buffer = new byte[64];
        var id = Enumerable.Range(1, 12).Select(i => (byte)i).ToArray();
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.Request, id, cookie ? StunConstants.MagicCookie : 0x01020304);
        if (extraAttribute != 0)
        {
            writer.AddAttribute(extraAttribute, [0, 0, 0, 0]);
        }

        if (cookie)
        {
            writer.AddFingerprint();
        }

        var bytes = writer.Written.ToArray();
        tamper?.Invoke(bytes);
        return bytes;
    }

    [Fact]
    public async Task Binding_request_is_answered_with_the_clients_xor_mapped_address_software_and_fingerprint()
    {
        var response = await ExchangeAsync(BindingRequest());

        Assert.True(StunMessage.TryParse(response, out var message, out var error), error.ToString());
        Assert.Equal((StunMethod.Binding, StunClass.SuccessResponse), (message.Method, message.Class));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (byte)i).ToArray(), message.TransactionId.ToArray());
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.True(StunAttributeDecoder.TryReadXorAddress(mapped, message.CookieAndTransactionId, out var endPoint));
        Assert.Equal(client.Client.LocalEndPoint, endPoint);
        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out var software));
        Assert.Equal("uc-test", System.Text.Encoding.UTF8.GetString(software));
        Assert.True(message.VerifyFingerprint());
        Assert.Equal((1, 1), (counters.Received, counters.Answered));
    }

    [Fact]
    public async Task Malformed_datagrams_are_dropped_and_counted_and_the_listener_keeps_serving()
    {
        await client.SendAsync(new byte[] { 0xde, 0xad, 0xbe, 0xef }, listener.LocalEndPoint!);
        await client.SendAsync(BindingRequest(b => b[^1] ^= 0xFF), listener.LocalEndPoint!); // wrong FINGERPRINT
        // One receive loop processes datagrams in order, so this answer proves both were seen.
        var response = await ExchangeAsync(BindingRequest());

        Assert.True(StunMessage.TryParse(response, out _));
        Assert.Equal(2, counters.DroppedMalformed);
        Assert.Equal(3, counters.Received);
        Assert.Equal(1, counters.Answered);
    }

    [Fact]
    public async Task Unknown_comprehension_required_attribute_gets_420_listing_it()
    {
        var response = await ExchangeAsync(BindingRequest(extraAttribute: 0x0031));

        Assert.True(StunMessage.TryParse(response, out var message));
        Assert.Equal(StunClass.ErrorResponse, message.Class);
        Assert.True(message.TryGetAttribute(StunAttributeType.ErrorCode, out var errorCode));
        Assert.True(StunAttributeDecoder.TryReadErrorCode(errorCode, out var code, out _));
        Assert.Equal(420, code);
        Assert.True(message.TryGetAttribute(StunAttributeType.UnknownAttributes, out var unknown));
        Span<ushort> types = stackalloc ushort[4];
        Assert.True(StunAttributeDecoder.TryReadUnknownAttributes(unknown, types, out var count));
        Assert.Equal(new ushort[] { 0x0031 }, types[..count].ToArray());
        Assert.Equal(1, counters.ErrorResponses);
    }

    [Fact]
    public async Task Rfc3489_client_without_magic_cookie_gets_mapped_address_and_its_128_bit_id_back()
    {
        var request = BindingRequest(cookie: false);
        var response = await ExchangeAsync(request);

        Assert.True(StunMessage.TryParse(response, out var message, allowRfc3489: true));
        Assert.Equal(request[4..20], message.CookieAndTransactionId.ToArray());
        Assert.False(message.HasAttribute(StunAttributeType.XorMappedAddress));
        Assert.True(message.TryGetAttribute(StunAttributeType.MappedAddress, out var mapped));
        Assert.True(StunAttributeDecoder.TryReadAddress(mapped, out var endPoint));
        Assert.Equal(client.Client.LocalEndPoint, endPoint);
    }

    [Fact]
    public async Task Unknown_method_request_gets_400()
    {
        var buffer = new byte[32];
        var writer = new StunMessageWriter(buffer, (StunMethod)0x0FF, StunClass.Request, new byte[12]);
        var response = await ExchangeAsync(writer.Written.ToArray());

        Assert.True(StunMessage.TryParse(response, out var message));
        Assert.True(message.TryGetAttribute(StunAttributeType.ErrorCode, out var errorCode));
        Assert.True(StunAttributeDecoder.TryReadErrorCode(errorCode, out var code, out _));
        Assert.Equal(400, code);
    }
}
