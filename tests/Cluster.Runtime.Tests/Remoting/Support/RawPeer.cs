using System.Buffers;
using System.Net.Sockets;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Tests.Remoting.Support;

/// <summary>
/// A hand-driven TCP client speaking (or deliberately breaking) the remoting protocol, for tests that need a peer
/// that stays silent, sends garbage or announces impossible frames.
/// </summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;
    private byte[] _pending = [];

    public static async Task<RawPeer> ConnectAsync(NodeAddress target)
    {
        var peer = new RawPeer();
        await peer._client.ConnectAsync(target.Host, target.Port);
        peer._stream = peer._client.GetStream();
        return peer;
    }

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    /// <summary>Sends a handshake request as node <paramref name="self"/> and returns the transport's answer.</summary>
    public async Task<HandshakeFrame> HandshakeAsync(UniqueAddress self, string systemName = "uc")
    {
        await SendAsync(FrameCodec.EncodeHandshake(new HandshakeFrame(HandshakePhase.Request, HandshakeRejectReason.None, systemName, self.Address, self.Uid)));
        var (kind, body) = await ReadFrameAsync();
        Assert.Equal(FrameKind.Handshake, kind);
        Assert.True(FrameParser.TryParseHandshake(new ReadOnlySequence<byte>(body), out var answer, out var problem), problem);
        return answer!;
    }

    /// <summary>Reads one whole frame (kind and body) with a deadline.</summary>
    public async Task<(FrameKind Kind, byte[] Body)> ReadFrameAsync()
    {
        using var cts = new CancellationTokenSource(TestNode.Deadline);
        var chunk = new byte[4096];
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_pending);
            var status = FrameParser.TryReadFrame(ref sequence, int.MaxValue, out var kind, out var body, out _);
            if (status == FrameReadStatus.Complete)
            {
                var result = (kind, body.ToArray());
                _pending = sequence.ToArray();
                return result;
            }
            Assert.Equal(FrameReadStatus.Incomplete, status);
            var read = await _stream.ReadAsync(chunk, cts.Token);
            if (read == 0) throw new EndOfStreamException("The transport closed the connection while a frame was expected.");
            _pending = [.. _pending, .. chunk.AsSpan(0, read)];
        }
    }

    /// <summary>Reads frames until one of <paramref name="kind"/> arrives.</summary>
    public async Task<byte[]> ReadUntilAsync(FrameKind kind)
    {
        while (true)
        {
            var (k, body) = await ReadFrameAsync();
            if (k == kind) return body;
        }
    }

    /// <summary>True once the transport has closed the connection (read returns end of stream or a reset).</summary>
    public async Task<bool> WaitForCloseAsync()
    {
        using var cts = new CancellationTokenSource(TestNode.Deadline);
        var chunk = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(chunk, cts.Token) > 0) { }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
