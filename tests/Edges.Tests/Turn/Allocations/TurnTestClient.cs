using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Channels;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Allocations;

/// <summary>
/// A TURN client over a real UDP socket, written with the STUN codec under test: it runs the long-term credential
/// dance (401 → realm/nonce → signed request) and lets tests add or tamper with attributes.
/// </summary>
internal sealed class TurnTestClient : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly IPEndPoint server;
    private readonly string realm;
    private string? nonce;

    public TurnTestClient(IPEndPoint server, string username, string password, string realm = TurnServerFixture.Realm)
    {
        this.server = server;
        this.realm = realm;
        Username = username;
        Key = LongTermKey.Compute(username, realm, password);
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public Socket Socket { get; }

    public string Username { get; }

    public byte[] Key { get; set; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    /// <summary>REST credentials for <paramref name="user"/> signed with <paramref name="secret"/>.</summary>
    public static TurnTestClient Rest(IPEndPoint server, string secret, string user, long? expiry = null)
    {
        var username = $"{expiry ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600}:{user}";
        return new TurnTestClient(server, username, TurnRestSecret.Password(secret, username));
    }

    public static byte[] NewTransactionId() => Guid.NewGuid().ToByteArray()[..12];

    /// <summary>Builds a request; <paramref name="attributes"/> adds method attributes before the credentials.</summary>
    public byte[] Build(StunMethod method, byte[] transactionId, WriteAttributes? attributes = null, bool sign = true, StunClass messageClass = StunClass.Request)
    {
        var buffer = new byte[2048];
        var writer = new StunMessageWriter(buffer, method, messageClass, transactionId);
        attributes?.Invoke(ref writer);
        if (sign && nonce is not null)
        {
            writer.AddText(StunAttributeType.Username, Username);
            writer.AddText(StunAttributeType.Realm, realm);
            writer.AddText(StunAttributeType.Nonce, nonce);
            writer.AddMessageIntegrity(Key);
        }

        writer.AddFingerprint();
        return writer.Written.ToArray();
    }

    public void Send(byte[] message) => Socket.SendTo(message, server);

    public async Task<byte[]> ReceiveAsync(TimeSpan? deadline = null)
    {
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(deadline ?? Deadline);
        try
        {
            var result = await Socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            return buffer[..result.ReceivedBytes];
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No datagram for {LocalEndPoint} within {deadline ?? Deadline}.");
        }
    }

    /// <summary>Sends and returns the response to that transaction (skipping stray data indications).</summary>
    public async Task<byte[]> ExchangeAsync(byte[] request)
    {
        Send(request);
        while (true)
        {
            var answer = await ReceiveAsync();
            if (answer.Length >= 20 && answer.AsSpan(8, 12).SequenceEqual(request.AsSpan(8, 12)))
            {
                return answer;
            }
        }
    }

    /// <summary>
    /// Sends a request; on 401/438 picks up realm and nonce and resends it signed (as a real client does). Returns
    /// the final response.
    /// </summary>
    public async Task<byte[]> RequestAsync(StunMethod method, WriteAttributes? attributes = null)
    {
        var response = await ExchangeAsync(Build(method, NewTransactionId(), attributes));
        var code = ErrorCode(response);
        if (code == 438 || (code == 401 && nonce is null))
        {
            Parse(response, out var message);
            nonce = Text(in message, StunAttributeType.Nonce);
            response = await ExchangeAsync(Build(method, NewTransactionId(), attributes));
        }

        return response;
    }

    public Task<byte[]> AllocateAsync(WriteAttributes? extra = null) =>
        RequestAsync(StunMethod.Allocate, (ref StunMessageWriter w) =>
        {
            w.AddRequestedTransport(17);
            extra?.Invoke(ref w);
        });

    public Task<byte[]> CreatePermissionAsync(IPEndPoint peer) =>
        RequestAsync(StunMethod.CreatePermission, (ref StunMessageWriter w) => w.AddXorAddress(StunAttributeType.XorPeerAddress, peer.Address, peer.Port));

    public Task<byte[]> ChannelBindAsync(ushort channel, IPEndPoint peer) =>
        RequestAsync(StunMethod.ChannelBind, (ref StunMessageWriter w) =>
        {
            w.AddChannelNumber(channel);
            w.AddXorAddress(StunAttributeType.XorPeerAddress, peer.Address, peer.Port);
        });

    public Task<byte[]> RefreshAsync(uint lifetime) =>
        RequestAsync(StunMethod.Refresh, (ref StunMessageWriter w) => w.AddLifetime(lifetime));

    public void SendIndication(IPEndPoint peer, byte[] data) =>
        Send(Build(StunMethod.Send, NewTransactionId(), (ref StunMessageWriter w) =>
        {
            w.AddXorAddress(StunAttributeType.XorPeerAddress, peer.Address, peer.Port);
            w.AddData(data);
        }, sign: false, messageClass: StunClass.Indication));

    public void SendChannelData(ushort channel, byte[] data)
    {
        var buffer = new byte[ChannelData.GetEncodedLength(data.Length, false)];
        ChannelData.Write(buffer, channel, data, false);
        Send(buffer);
    }

    public static void Parse(byte[] response, out StunMessage message) =>
        Assert.True(StunMessage.TryParse(response, out message, out var error), $"Unparseable response: {error}");

    /// <summary>The ERROR-CODE of a response, 0 for success.</summary>
    public static int ErrorCode(byte[] response)
    {
        Parse(response, out var message);
        if (message.Class == StunClass.SuccessResponse)
        {
            return 0;
        }

        Assert.True(message.TryGetAttribute(StunAttributeType.ErrorCode, out var value), "error response without ERROR-CODE");
        Assert.True(StunAttributeDecoder.TryReadErrorCode(value, out var code, out _));
        return code;
    }

    public static string Text(in StunMessage message, StunAttributeType type)
    {
        Assert.True(message.TryGetAttribute(type, out var value), $"{type} missing");
        return Encoding.UTF8.GetString(value);
    }

    public static IPEndPoint XorAddress(byte[] response, StunAttributeType type)
    {
        Parse(response, out var message);
        Assert.True(message.TryGetAttribute(type, out var value), $"{type} missing");
        Assert.True(StunAttributeDecoder.TryReadXorAddress(value, message.CookieAndTransactionId, out var endPoint));
        return endPoint!;
    }

    public static uint Lifetime(byte[] response)
    {
        Parse(response, out var message);
        Assert.True(message.TryGetAttribute(StunAttributeType.Lifetime, out var value), "LIFETIME missing");
        Assert.True(StunAttributeDecoder.TryReadUInt32(value, out var seconds));
        return seconds;
    }

    public void Dispose() => Socket.Dispose();

    public delegate void WriteAttributes(ref StunMessageWriter writer);
}
