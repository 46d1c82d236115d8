using System.Net;
using System.Net.Sockets;

namespace Cluster.Runtime.Tests.Membership;

/// <summary>
/// A loopback TCP forwarder between a node and PostgreSQL that a test can cut (listener closed, every connection
/// reset) and restore on the same port: a database outage as the node sees it, without touching the server.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly object gate = new();
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private CancellationTokenSource? running;
    private Task acceptLoop = Task.CompletedTask;

    public TcpProxy(int targetPort)
    {
        this.targetPort = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    /// <summary>Starts accepting again on <see cref="Port"/>.</summary>
    public void Restore()
    {
        lock (gate)
        {
            if (listener is not null) return;
            listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            running = new CancellationTokenSource();
            var l = listener;
            var token = running.Token;
            acceptLoop = Task.Run(() => AcceptAsync(l, token));
        }
    }

    /// <summary>Stops listening and resets every open connection: the node's next statement fails.</summary>
    public async Task CutAsync()
    {
        Task loop;
        lock (gate)
        {
            if (listener is null) return;
            running!.Cancel();
            listener.Stop();
            listener = null;
            foreach (var c in connections)
            {
                try
                {
                    if (c.Client is { } socket) socket.LingerState = new LingerOption(true, 0);
                    c.Close();
                }
                catch (ObjectDisposedException)
                {
                }
            }
            connections.Clear();
            loop = acceptLoop;
        }
        try
        {
            await loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync(TcpListener l, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await l.AcceptTcpClientAsync(token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, targetPort, token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }
            lock (gate)
            {
                if (token.IsCancellationRequested)
                {
                    client.Dispose();
                    upstream.Dispose();
                    return;
                }
                connections.Add(client);
                connections.Add(upstream);
            }
            _ = PumpAsync(client, upstream, token);
            _ = PumpAsync(upstream, client, token);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken token)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CutAsync();
}
