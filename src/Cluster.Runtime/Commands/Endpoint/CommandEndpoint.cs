using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Serilog;

namespace Cluster.Runtime.Commands.Endpoint;

/// <summary>
/// The node's TCP endpoint for the <c>uc</c> operator shell (Petabridge.Cmd's role in an Akka.NET node). It serves
/// many shells at once, runs each request against the <see cref="CommandRegistry"/>, and streams the output back.
/// </summary>
/// <remarks>
/// Security: clients on loopback are trusted (whoever can reach 127.0.0.1 is logged in on the node). Other clients
/// are refused unless an operator token is configured, and must then present it. Which clients count as local is
/// decided by <c>isLocalClient</c> (by default <see cref="IPAddress.IsLoopback"/>); tests inject their own to
/// exercise the remote path without a second machine.
/// </remarks>
public sealed class CommandEndpoint : IAsyncDisposable
{
    private readonly CommandEndpointSettings settings;
    private readonly CommandRegistry registry;
    private readonly CommandEndpointIdentity identity;
    private readonly ILogger log;
    private readonly Func<IPEndPoint, bool> isLocalClient;
    private readonly OperatorToken? token;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<long, Task> connections = new();
    private TcpListener? listener;
    private Task? acceptLoop;
    private long nextConnectionId;
    private int stopped;

    public CommandEndpoint(CommandEndpointSettings settings, CommandRegistry registry, CommandEndpointIdentity identity,
        ILogger? logger = null, Func<IPEndPoint, bool>? isLocalClient = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(identity);
        settings.Validate();
        this.settings = settings;
        this.registry = registry;
        this.identity = identity;
        log = (logger ?? Log.Logger).ForContext<CommandEndpoint>();
        this.isLocalClient = isLocalClient ?? IsLoopback;
        token = settings.OperatorToken is { } secret ? new OperatorToken(secret) : null;
    }

    /// <summary>The bound address once started (the real port when <see cref="CommandEndpointSettings.Port"/> is 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)listener?.LocalEndpoint
        ?? throw new InvalidOperationException("the command endpoint has not been started");

    /// <summary>Shell connections currently open.</summary>
    public int ActiveConnections => connections.Count;

    /// <summary>Binds the port and starts accepting shells; fails with the setting to change if it cannot bind.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (listener is not null)
            throw new InvalidOperationException("the command endpoint is already started");
        var address = await ResolveAsync(settings.Host, cancellationToken).ConfigureAwait(false);
        var candidate = new TcpListener(address, settings.Port);
        try
        {
            candidate.Start(backlog: settings.MaxConnections * 2);
        }
        catch (SocketException e)
        {
            candidate.Dispose();
            throw new InvalidOperationException(
                $"cannot listen for shell connections on {settings.Host}:{settings.Port} ({e.SocketErrorCode}); change uc.shell.host/uc.shell.port", e);
        }
        listener = candidate;
        if (!IPAddress.IsLoopback(address) && token is null)
            log.Warning("Shell endpoint listens on {Endpoint} without an operator token: remote shells will be refused (set uc.shell.token)", LocalEndPoint);
        log.Information("Shell endpoint listening on {Endpoint}", LocalEndPoint);
        acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
    }

    /// <summary>Stops accepting, cancels running commands and closes every connection.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
            return;
        await stopping.CancelAsync().ConfigureAwait(false);
        listener?.Stop();
        if (acceptLoop is not null)
            await acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(connections.Values).ConfigureAwait(false);
        listener?.Dispose();
        stopping.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener!.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                log.Warning("Shell endpoint accept failed: {Reason}", e.Message);
                continue;
            }
            client.NoDelay = true;
            var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
            var local = isLocalClient(remote);
            string? refusal = null;
            if (connections.Count >= settings.MaxConnections)
                refusal = $"too many shell connections (uc.shell.max-connections = {settings.MaxConnections}); try again later";
            else if (!local && token is null)
                refusal = "remote shell connections are refused: this node has no operator token (uc.shell.token); run uc on the node itself";
            var connection = new CommandConnection(client, local, settings, registry, identity, token, log, stopping.Token);
            var id = Interlocked.Increment(ref nextConnectionId);
            // Track the connection before it can finish, so its own removal never races its insertion.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connections[id] = RunConnectionAsync(id, connection, refusal, registered.Task);
            registered.SetResult();
        }
    }

    private async Task RunConnectionAsync(long id, CommandConnection connection, string? refusal, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
        {
            await connection.RunAsync(refusal).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Error(e, "Shell connection failed unexpectedly");
        }
        finally
        {
            connections.TryRemove(id, out _);
        }
    }

    private static bool IsLoopback(IPEndPoint remote)
    {
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        return IPAddress.IsLoopback(address);
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
            return address;
        if (host == "localhost")
            return IPAddress.Loopback;
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"uc.shell.host '{host}' does not resolve to an address");
    }
}
