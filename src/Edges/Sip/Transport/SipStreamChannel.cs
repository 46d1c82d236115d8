using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// Connection management shared by TCP and TLS (RFC 3261 §18, RFC 5626): listeners, the connection table indexed by
/// id (flows) and by remote endpoint (reuse: a request to a target goes over an existing connection to it, RFC 3261
/// §18.1.1), coalesced outbound connects, the idle timeout and the shared connection limit. Subclasses only wrap the
/// socket stream (plain for TCP, <see cref="System.Net.Security.SslStream"/> for TLS).
/// </summary>
public abstract class SipStreamChannel : SipChannel
{
    private readonly List<Socket> listeners = [];
    private readonly List<Task> acceptLoops = [];
    private readonly ConcurrentDictionary<long, SipStreamConnection> byId = new();
    private readonly ConcurrentDictionary<IPEndPoint, SipStreamConnection> byRemote = new();
    private readonly ConcurrentDictionary<IPEndPoint, Lazy<Task<SipStreamConnection>>> connecting = new();
    private readonly CancellationTokenSource stop = new();
    private readonly IReadOnlyList<IPEndPoint> listen;
    private ITimer? idleTimer;

    private protected SipStreamChannel(SipTransportLayer host, IReadOnlyList<IPEndPoint> listen) : base(host) => this.listen = listen;

    /// <summary>The first bound listener, or an unbound any-address when this channel only connects out.</summary>
    public override IPEndPoint LocalEndPoint => listeners.Count > 0 ? (IPEndPoint)listeners[0].LocalEndPoint! : new IPEndPoint(IPAddress.Any, 0);

    /// <summary>All bound listeners.</summary>
    public IReadOnlyList<IPEndPoint> ListenEndPoints => listeners.Select(l => (IPEndPoint)l.LocalEndPoint!).ToList();

    /// <summary>Open connections on this channel.</summary>
    public int ConnectionCount => byId.Count;

    /// <summary>Wraps an accepted socket (TLS: server handshake). Returns the stream and the peer's certificate.</summary>
    private protected abstract Task<(Stream Stream, X509Certificate2? PeerCertificate)> AcceptStreamAsync(NetworkStream network, CancellationToken cancellationToken);

    /// <summary>Wraps a connected socket (TLS: client handshake with <paramref name="destination"/>'s host name).</summary>
    private protected abstract Task<(Stream Stream, X509Certificate2? PeerCertificate)> ConnectStreamAsync(NetworkStream network, SipDestination destination, CancellationToken cancellationToken);

    internal override void Start()
    {
        foreach (var endPoint in listen)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = endPoint.Address.Equals(IPAddress.IPv6Any);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(512);
            listeners.Add(socket);
        }
        foreach (var socket in listeners) acceptLoops.Add(Task.Run(() => AcceptLoop(socket)));
        var idle = Host.Settings.IdleTimeout;
        if (idle > TimeSpan.Zero)
        {
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, idle.Ticks / 4));
            idleTimer = Host.Time.CreateTimer(_ => CloseIdle(), null, period, period);
        }
    }

    internal override bool IsAlive(SipFlow flow) =>
        byId.TryGetValue(flow.ConnectionId, out var c) && !c.IsClosed && c.Remote.Equals(flow.Remote);

    internal override async ValueTask SendAsync(SipDestination destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        SipStreamConnection connection;
        if (destination.Flow is { } flow)
        {
            // RFC 5626 §5.3: a request for a flow goes over that connection or fails; it never opens another.
            if (!byId.TryGetValue(flow.ConnectionId, out var found) || found.IsClosed || !found.Remote.Equals(flow.Remote))
                throw new SipTransportException($"flow {flow} is gone: its connection was closed");
            connection = found;
        }
        else
        {
            connection = await GetOrConnectAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        await connection.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        Host.Counters.MessageSent();
    }

    /// <summary>Sends on a connection by id if it is still open; false otherwise.</summary>
    internal async ValueTask<bool> TrySendOnConnectionAsync(long connectionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!byId.TryGetValue(connectionId, out var connection) || connection.IsClosed) return false;
        await connection.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        Host.Counters.MessageSent();
        return true;
    }

    private async ValueTask<SipStreamConnection> GetOrConnectAsync(SipDestination destination, CancellationToken cancellationToken)
    {
        var remote = SipStreamConnection.Normalize(destination.EndPoint);
        if (byRemote.TryGetValue(remote, out var existing) && !existing.IsClosed) return existing;
        var pending = connecting.GetOrAdd(remote, _ => new Lazy<Task<SipStreamConnection>>(() => ConnectAsync(destination, remote)));
        try
        {
            return await pending.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (pending.Value.IsCompleted) connecting.TryRemove(new KeyValuePair<IPEndPoint, Lazy<Task<SipStreamConnection>>>(remote, pending));
        }
    }

    private async Task<SipStreamConnection> ConnectAsync(SipDestination destination, IPEndPoint remote)
    {
        if (!Host.TryReserveConnection())
        {
            Host.Counters.Refused();
            throw new SipTransportException($"cannot connect to {remote}: uc.sip.max-connections ({Host.Settings.MaxConnections}) reached");
        }
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        timeout.CancelAfter(Host.Settings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
            var (stream, peer) = await ConnectStreamAsync(new NetworkStream(socket, ownsSocket: false), destination, timeout.Token).ConfigureAwait(false);
            var connection = new SipStreamConnection(this, Host.NextConnectionId(), socket, stream, peer, outbound: true);
            Host.Counters.Opened();
            Register(connection);
            _ = Task.Run(connection.RunAsync);
            return connection;
        }
        catch (Exception ex)
        {
            socket.Dispose();
            Host.ReleaseConnection();
            Host.Counters.SendFailed();
            var why = ex is OperationCanceledException ? $"no connection within {Host.Settings.ConnectTimeout.TotalSeconds:0.#} s" : ex.Message;
            throw new SipTransportException($"{Kind.ViaToken()} connection to {remote} failed: {why}", ex);
        }
    }

    private async Task AcceptLoop(Socket listener)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                Host.Log.Warning("Accept on {Local} failed: {Error}", listener.LocalEndPoint, ex.Message);
                continue;
            }
            catch (Exception ex)
            {
                Host.Counters.LoopFault();
                Host.Log.Error(ex, "Accept loop on {Local} caught a fault", listener.LocalEndPoint);
                continue;
            }
            _ = Task.Run(() => AcceptOne(socket));
        }
    }

    private async Task AcceptOne(Socket socket)
    {
        if (!Host.TryReserveConnection())
        {
            Host.Counters.Refused();
            Host.Log.Warning("Refused {Transport} connection from {Remote}: uc.sip.max-connections ({Max}) reached",
                Kind, socket.RemoteEndPoint, Host.Settings.MaxConnections);
            socket.Dispose();
            return;
        }
        try
        {
            socket.NoDelay = true;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            timeout.CancelAfter(Host.Settings.ConnectTimeout);
            var (stream, peer) = await AcceptStreamAsync(new NetworkStream(socket, ownsSocket: false), timeout.Token).ConfigureAwait(false);
            var connection = new SipStreamConnection(this, Host.NextConnectionId(), socket, stream, peer, outbound: false);
            Host.Counters.Accepted();
            Register(connection);
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A failed TLS handshake or a peer that vanished during it.
            Host.Counters.Refused();
            Host.Log.Information("{Transport} connection from {Remote} not accepted: {Error}", Kind, socket.RemoteEndPoint, ex.Message);
            socket.Dispose();
            Host.ReleaseConnection();
        }
    }

    private void Register(SipStreamConnection connection)
    {
        byId[connection.Id] = connection;
        byRemote[connection.Remote] = connection;
    }

    internal void Forget(SipStreamConnection connection)
    {
        byId.TryRemove(new KeyValuePair<long, SipStreamConnection>(connection.Id, connection));
        byRemote.TryRemove(new KeyValuePair<IPEndPoint, SipStreamConnection>(connection.Remote, connection));
    }

    private void CloseIdle()
    {
        try
        {
            var now = Host.Time.GetTimestamp();
            foreach (var (_, connection) in byId)
            {
                if (Host.Time.GetElapsedTime(connection.LastActivity, now) < Host.Settings.IdleTimeout) continue;
                Host.Counters.ClosedIdle();
                Host.Log.Debug("Closing idle connection {Flow}", connection.Flow);
                _ = connection.DisposeAsync().AsTask();
            }
        }
        catch (Exception ex)
        {
            Host.Counters.LoopFault();
            Host.Log.Error(ex, "Idle sweep of {Transport} connections caught a fault", Kind);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested) return;
        stop.Cancel();
        idleTimer?.Dispose();
        foreach (var listener in listeners) listener.Dispose();
        try
        {
            await Task.WhenAll(acceptLoops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var (_, connection) in byId) await connection.DisposeAsync().ConfigureAwait(false);
    }
}
