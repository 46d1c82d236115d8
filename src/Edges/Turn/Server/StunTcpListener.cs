using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn.Channels;
using Cluster.Edges.Turn.Stun;
using Serilog;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// STUN over TCP (RFC 8489 §6.2.2) on a real socket. Each connection reads into a pooled buffer, cuts frames with
/// <see cref="StunStreamFramer"/> (STUN and ChannelData share the stream, RFC 8656 §12.5) and answers STUN through the
/// <see cref="StunDispatcher"/>. Garbage that breaks framing closes the connection (the stream cannot resync);
/// connections beyond the limit or idle past the timeout are closed to shed load.
/// </summary>
public sealed class StunTcpListener : IAsyncDisposable
{
    private const int InitialBufferSize = 4096;

    private readonly StunSettings settings;
    private readonly StunDispatcher dispatcher;
    private readonly ILogger log;
    private readonly CancellationTokenSource stopping = new();
    private readonly Dictionary<int, Task> connections = new();
    private int nextConnectionId;
    private Socket? listener;
    private Task acceptLoop = Task.CompletedTask;

    public StunTcpListener(StunSettings settings, StunDispatcher dispatcher, ILogger? log = null)
    {
        settings.Validate();
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.log = log ?? Log.ForContext<StunTcpListener>();
    }

    public IPEndPoint? LocalEndPoint => listener?.LocalEndPoint as IPEndPoint;

    public StunServerCounters Counters => dispatcher.Counters;

    /// <summary>Connections currently open.</summary>
    public int OpenConnections
    {
        get
        {
            lock (connections)
            {
                return connections.Count;
            }
        }
    }

    /// <summary>Binds, listens and starts accepting. Throws <see cref="SocketException"/> if the port is taken.</summary>
    public void Start()
    {
        if (listener is not null)
        {
            throw new InvalidOperationException("The STUN TCP listener is already started.");
        }

        var s = new Socket(settings.ListenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (settings.ListenAddress.AddressFamily == AddressFamily.InterNetworkV6)
            {
                s.DualMode = true;
            }

            s.Bind(new IPEndPoint(settings.ListenAddress, settings.Port));
            s.Listen(512);
        }
        catch
        {
            s.Dispose();
            throw;
        }

        listener = s;
        acceptLoop = Task.Run(() => AcceptLoopAsync(s));
        log.Information("STUN listening on tcp {EndPoint}", s.LocalEndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener?.Dispose();
        await acceptLoop.ConfigureAwait(false);
        Task[] open;
        lock (connections)
        {
            open = connections.Values.ToArray();
        }

        await Task.WhenAll(open).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket s)
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await s.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                log.Warning("STUN tcp accept failed: {Error}", ex.SocketErrorCode);
                continue;
            }

            lock (connections)
            {
                if (connections.Count >= settings.MaxTcpConnections)
                {
                    dispatcher.Counters.OnConnectionRejected();
                    client.Dispose();
                    continue;
                }

                var id = nextConnectionId++;
                connections[id] = Task.Run(() => ServeAsync(id, client));
            }
        }
    }

    private async Task ServeAsync(int id, Socket client)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var response = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var filled = 0;
        byte[]? address = null;
        ushort port = 0;
        var channel = new TcpStunClientChannel(client, settings.TcpIdleTimeout);
        using var idle = new IdleTimeout(CancellationTokenSource.CreateLinkedTokenSource(stopping.Token));
        try
        {
            client.NoDelay = true;
            if (client.RemoteEndPoint is not IPEndPoint remote)
            {
                return;
            }

            address = StunSocketAddress.Unmap(remote.Address).GetAddressBytes();
            port = (ushort)remote.Port;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, filled);
                }

                var read = await ReceiveAsync(client, buffer.AsMemory(filled), idle, address, port).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var consumed = 0;
                while (true)
                {
                    var status = StunStreamFramer.TryGetFrame(buffer.AsSpan(consumed, filled - consumed), out var kind, out var frameLength, settings.MaxTcpFrameBytes, settings.AcceptRfc5766Channels);
                    if (status == StreamFrameStatus.Invalid)
                    {
                        dispatcher.Counters.OnReceived();
                        dispatcher.Counters.OnMalformed();
                        log.Debug("STUN tcp connection from {Remote} closed: stream out of frame", remote);
                        return;
                    }

                    if (status == StreamFrameStatus.NeedMoreData)
                    {
                        if (frameLength > buffer.Length)
                        {
                            // Compact first so the frame's bytes are at the front of the grown buffer.
                            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                            filled -= consumed;
                            consumed = 0;
                            buffer = Grow(buffer, filled, frameLength);
                        }

                        break;
                    }

                    var frame = buffer.AsMemory(consumed, frameLength);
                    consumed += frameLength;
                    if (kind == StreamFrameKind.ChannelData)
                    {
                        dispatcher.ProcessChannelData(frame.Span, address, port, StunTransport.Tcp);
                        continue;
                    }

                    var length = dispatcher.Process(frame.Span, address, port, StunTransport.Tcp, response, channel);
                    if (length > 0 && !channel.Send(response.AsSpan(0, length)))
                    {
                        return;
                    }
                }

                if (consumed > 0)
                {
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Idle timeout or shutdown.
        }
        catch (SocketException ex)
        {
            log.Debug("STUN tcp connection ended: {Error}", ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            log.Error(ex, "STUN tcp connection failed");
        }
        finally
        {
            channel.Close();
            if (address is not null)
            {
                dispatcher.ConnectionClosed(address, port, StunTransport.Tcp);
            }

            client.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(response);
            lock (connections)
            {
                connections.Remove(id);
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int filled, int atLeast = 0)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, atLeast));
        buffer.AsSpan(0, filled).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    /// <summary>
    /// Reads with the idle timeout. A connection that carries a TURN allocation is not idle in the listener's sense
    /// (the client may only receive relayed data and refresh every few minutes), so its timeout is re-armed.
    /// One token source serves every read until it fires; only then is a new one made.
    /// </summary>
    private async ValueTask<int> ReceiveAsync(Socket client, Memory<byte> into, IdleTimeout idle, byte[] address, ushort port)
    {
        while (true)
        {
            if (idle.Source.IsCancellationRequested)
            {
                idle.Source.Dispose();
                idle.Source = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            }

            idle.Source.CancelAfter(settings.TcpIdleTimeout);
            try
            {
                return await client.ReceiveAsync(into, SocketFlags.None, idle.Source.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested && dispatcher.ConnectionInUse(address, port, StunTransport.Tcp))
            {
            }
        }
    }

    /// <summary>The per-connection idle token source (a class so the async read can replace it).</summary>
    private sealed class IdleTimeout(CancellationTokenSource source) : IDisposable
    {
        public CancellationTokenSource Source { get; set; } = source;

        public void Dispose() => Source.Dispose();
    }
}
