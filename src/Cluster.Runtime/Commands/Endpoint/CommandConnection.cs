using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Cluster.Runtime.Commands.Parsing;
using Cluster.Runtime.Commands.Protocol;
using Serilog;

namespace Cluster.Runtime.Commands.Endpoint;

/// <summary>
/// One shell connection: handshake, then a read loop that starts commands and forwards cancels, and a writer loop
/// that drains the bounded output queue to the socket. When the client goes away the connection token is
/// cancelled, which cancels the running command, so a stream such as <c>log tail</c> stops on disconnect.
/// </summary>
internal sealed class CommandConnection
{
    private readonly TcpClient client;
    private readonly IPEndPoint remote;
    private readonly bool isLocal;
    private readonly CommandEndpointSettings settings;
    private readonly CommandRegistry registry;
    private readonly CommandEndpointIdentity identity;
    private readonly OperatorToken? token;
    private readonly ILogger log;
    private readonly Channel<ShellFrame> queue;
    private readonly CancellationTokenSource lifetime;
    private readonly CancellationTokenSource writerAbort;
    private RunningCommand? running;

    /// <summary>How long queued frames may take to reach a departing client before the socket is dropped.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public CommandConnection(TcpClient client, bool isLocal, CommandEndpointSettings settings, CommandRegistry registry,
        CommandEndpointIdentity identity, OperatorToken? token, ILogger log, CancellationToken endpointStopping)
    {
        this.client = client;
        remote = (IPEndPoint)client.Client.RemoteEndPoint!;
        this.isLocal = isLocal;
        this.settings = settings;
        this.registry = registry;
        this.identity = identity;
        this.token = token;
        this.log = log.ForContext("ShellClient", remote.ToString());
        queue = Channel.CreateBounded<ShellFrame>(new BoundedChannelOptions(settings.OutputQueueFrames)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        lifetime = CancellationTokenSource.CreateLinkedTokenSource(endpointStopping);
        writerAbort = CancellationTokenSource.CreateLinkedTokenSource(endpointStopping);
    }

    /// <summary>Serves the connection until the client leaves, breaks the protocol, or the endpoint stops.</summary>
    public async Task RunAsync(string? refusal)
    {
        var stream = client.GetStream();
        var writer = Task.Run(() => WriteLoopAsync(stream));
        try
        {
            if (refusal is not null)
            {
                await RejectAsync(refusal).ConfigureAwait(false);
                return;
            }
            var reader = new FrameReader(stream, settings.MaxFrameBytes);
            if (!await HandshakeAsync(reader).ConfigureAwait(false))
                return;
            await ReadLoopAsync(reader).ConfigureAwait(false);
        }
        catch (ShellProtocolException e)
        {
            log.Warning("Shell client {Remote} broke the protocol: {Reason}", remote, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            log.Debug("Shell connection from {Remote} ended: {Reason}", remote, e.Message);
        }
        finally
        {
            // Disconnect or stop: cancel the running command, let queued frames (a rejection, an end frame) drain
            // for a bounded time, then drop the socket.
            await lifetime.CancelAsync().ConfigureAwait(false);
            if (running is { } command)
                await command.Completion.ConfigureAwait(false);
            queue.Writer.TryComplete();
            if (await Task.WhenAny(writer, Task.Delay(DrainTimeout)).ConfigureAwait(false) != writer)
                await writerAbort.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            client.Dispose();
            lifetime.Dispose();
            writerAbort.Dispose();
        }
    }

    private async Task<bool> HandshakeAsync(FrameReader reader)
    {
        ShellFrame? first;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token))
        {
            timeout.CancelAfter(settings.HandshakeTimeout);
            try
            {
                first = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
            {
                await RejectAsync($"no hello frame within {settings.HandshakeTimeout.TotalSeconds:0.#} s").ConfigureAwait(false);
                return false;
            }
        }
        if (first is null)
            return false;
        if (first is not HelloFrame hello)
        {
            await RejectAsync($"expected a hello frame first, got '{first.GetType().Name}'").ConfigureAwait(false);
            return false;
        }
        if (hello.Protocol != ShellProtocol.Version)
        {
            await RejectAsync($"protocol version {hello.Protocol} is not supported; this node speaks version {ShellProtocol.Version}").ConfigureAwait(false);
            return false;
        }
        if (!isLocal)
        {
            // Only remote clients need the token; a refusal for a missing token was decided before the hello.
            if (hello.Token is null)
            {
                await RejectAsync("this node requires an operator token from remote clients: pass --token TOKEN or set UC_TOKEN").ConfigureAwait(false);
                return false;
            }
            if (!token!.Matches(hello.Token))
            {
                log.Warning("Shell client {Remote} presented a wrong operator token", remote);
                await RejectAsync("operator token rejected").ConfigureAwait(false);
                return false;
            }
        }
        await queue.Writer.WriteAsync(new WelcomeFrame(ShellProtocol.Version, identity.NodeName, identity.Address,
            identity.Version, registry.BuildCatalogue()), lifetime.Token).ConfigureAwait(false);
        log.Information("Shell client {Remote} ({Client}) connected", remote, hello.Client);
        return true;
    }

    private async Task ReadLoopAsync(FrameReader reader)
    {
        while (await reader.ReadAsync(lifetime.Token).ConfigureAwait(false) is { } frame)
        {
            switch (frame)
            {
                case RequestFrame request when running is { Completion.IsCompleted: false } busy:
                    await queue.Writer.WriteAsync(new ErrorFrame(request.Id,
                        $"command {busy.Id} is still running on this connection; cancel it first"), lifetime.Token).ConfigureAwait(false);
                    await queue.Writer.WriteAsync(new EndFrame(request.Id, ShellProtocol.ExitUsage), lifetime.Token).ConfigureAwait(false);
                    break;
                case RequestFrame request:
                    var cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                    running = new RunningCommand(request.Id, cancel, Task.Run(() => ExecuteAsync(request, cancel)));
                    break;
                case CancelFrame cancelFrame:
                    if (running is { } current && current.Id == cancelFrame.Id)
                        await current.Cancel.CancelAsync().ConfigureAwait(false);
                    break;
                default:
                    throw new ShellProtocolException($"unexpected '{frame.GetType().Name}' frame from a client");
            }
        }
    }

    private async Task ExecuteAsync(RequestFrame request, CancellationTokenSource cancel)
    {
        var commandToken = cancel.Token;
        var exit = ShellProtocol.ExitOk;
        string? error = null;
        var display = request.Line ?? string.Join(" ", request.Argv ?? []);
        try
        {
            var argv = request.Argv ?? (request.Line is { } line
                ? CommandLineTokenizer.Tokenize(line)
                : throw new CommandUsageException("request has neither argv nor line"));
            var resolved = registry.Resolve(argv, request.Json);
            var output = new FrameCommandOutput(request.Id, resolved.IsJson, queue.Writer, commandToken);
            if (resolved.BuiltIn is { } builtIn)
                await builtIn(output).ConfigureAwait(false);
            else
                await resolved.Invocation!.Command.Handler(resolved.Invocation, output, commandToken).ConfigureAwait(false);
            commandToken.ThrowIfCancellationRequested();
        }
        catch (CommandUsageException e)
        {
            (exit, error) = (ShellProtocol.ExitUsage, e.Message);
        }
        catch (CommandFailedException e)
        {
            (exit, error) = (ShellProtocol.ExitFailed, e.Message);
        }
        catch (OperationCanceledException) when (commandToken.IsCancellationRequested)
        {
            exit = ShellProtocol.ExitInterrupted;
        }
        catch (Exception e)
        {
            log.Error(e, "Shell command {Command} from {Remote} failed", display, remote);
            (exit, error) = (ShellProtocol.ExitFailed, $"command failed: {e.Message}");
        }
        log.Information("Shell command {Command} from {Remote} finished with exit {Exit}", display, remote, exit);
        try
        {
            if (error is not null)
                await queue.Writer.WriteAsync(new ErrorFrame(request.Id, error), lifetime.Token).ConfigureAwait(false);
            await queue.Writer.WriteAsync(new EndFrame(request.Id, exit), lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // The client is gone; nobody is left to read the end frame.
        }
        finally
        {
            cancel.Dispose();
        }
    }

    private async Task WriteLoopAsync(NetworkStream stream)
    {
        try
        {
            await foreach (var frame in queue.Reader.ReadAllAsync(writerAbort.Token).ConfigureAwait(false))
                await stream.WriteAsync(ShellProtocol.Encode(frame), writerAbort.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            log.Debug("Shell connection to {Remote} stopped writing: {Reason}", remote, e.Message);
        }
        finally
        {
            // Stop the read loop too: a client we cannot write to is gone.
            await lifetime.CancelAsync().ConfigureAwait(false);
            queue.Writer.TryComplete();
            try
            {
                client.Client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already closed by the peer.
            }
        }
    }

    private async Task RejectAsync(string reason)
    {
        log.Warning("Shell client {Remote} refused: {Reason}", remote, reason);
        await queue.Writer.WriteAsync(new RejectedFrame(reason), lifetime.Token).ConfigureAwait(false);
        queue.Writer.TryComplete();
    }

    private sealed record RunningCommand(long Id, CancellationTokenSource Cancel, Task Completion);
}
