using System.Net.Sockets;
using System.Reflection;
using Cluster.Runtime.Commands.Protocol;

namespace Cluster.Shell.Client;

/// <summary>
/// One connection from the shell to a node's command endpoint: handshake, then one request at a time whose frames
/// are handed to a callback as they arrive. Interrupting a request sends a cancel frame and still waits for the
/// node's end frame, so the connection stays usable for the next command.
/// </summary>
internal sealed class ShellClient : IAsyncDisposable
{
    /// <summary>How long the node may take to end a command after a cancel before the connection is dropped.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    private readonly TcpClient tcp;
    private readonly FrameReader reader;
    private readonly FrameWriter writer;
    private long nextId;

    private ShellClient(TcpClient tcp, ShellEndpoint endpoint, WelcomeFrame welcome, FrameReader reader, FrameWriter writer)
    {
        this.tcp = tcp;
        Endpoint = endpoint;
        Welcome = welcome;
        this.reader = reader;
        this.writer = writer;
    }

    public ShellEndpoint Endpoint { get; }

    /// <summary>The node's identity and catalogue from the handshake.</summary>
    public WelcomeFrame Welcome { get; }

    public static string ClientName => $"uc/{typeof(ShellClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0"}";

    /// <summary>Connects and performs the handshake; failures are <see cref="ShellConnectionException"/>s with the reason.</summary>
    public static async Task<ShellClient> ConnectAsync(ShellEndpoint endpoint, string? token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await tcp.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new ShellConnectionException($"cannot connect to {endpoint}: {e.Message}. Is the node running with uc.shell enabled on that address?", inner: e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ShellConnectionException($"cannot connect to {endpoint}: no answer within {timeout.TotalSeconds:0.#} s", inner: e);
            }
            var stream = tcp.GetStream();
            var frames = new FrameReader(stream);
            var writer = new FrameWriter(stream);
            ShellFrame? answer;
            try
            {
                await writer.WriteAsync(new HelloFrame(ShellProtocol.Version, ClientName, token), deadline.Token).ConfigureAwait(false);
                answer = await frames.ReadAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ShellProtocolException)
            {
                throw new ShellConnectionException($"connection to {endpoint} failed during the handshake: {e.Message}", inner: e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ShellConnectionException($"{endpoint} did not complete the handshake within {timeout.TotalSeconds:0.#} s (is it a uc command endpoint?)", inner: e);
            }
            return answer switch
            {
                WelcomeFrame welcome => new ShellClient(tcp, endpoint, welcome, frames, writer),
                RejectedFrame rejected => throw new ShellConnectionException($"{endpoint} refused the connection: {rejected.Reason}", ShellProtocol.ExitRejected),
                null => throw new ShellConnectionException($"{endpoint} closed the connection during the handshake"),
                _ => throw new ShellConnectionException($"{endpoint} answered the handshake with an unexpected '{answer.GetType().Name}' frame"),
            };
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one command and returns its exit code. <paramref name="interrupt"/> (Ctrl-C) asks the node to stop it;
    /// the exit code is then the node's (130 when the command stopped because of the interrupt).
    /// </summary>
    public async Task<int> ExecuteAsync(IReadOnlyList<string> argv, bool json, Action<ShellFrame> onFrame, CancellationToken interrupt)
    {
        var id = Interlocked.Increment(ref nextId);
        try
        {
            await writer.WriteAsync(new RequestFrame(id, argv, null, json), CancellationToken.None).ConfigureAwait(false);
            using var grace = new CancellationTokenSource();
            await using var onInterrupt = interrupt.Register(() =>
            {
                grace.CancelAfter(CancelGrace);
                _ = SendCancelAsync(id);
            }).ConfigureAwait(false);
            while (true)
            {
                ShellFrame? frame;
                try
                {
                    frame = await reader.ReadAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new ShellConnectionException($"{Endpoint} did not stop the command within {CancelGrace.TotalSeconds:0} s of the interrupt; connection dropped");
                }
                switch (frame)
                {
                    case null:
                        throw new ShellConnectionException($"connection to {Endpoint} lost while the command was running");
                    case EndFrame end when end.Id == id:
                        return end.Exit;
                    case RejectedFrame rejected:
                        throw new ShellConnectionException($"{Endpoint} closed the connection: {rejected.Reason}", ShellProtocol.ExitRejected);
                    default:
                        onFrame(frame);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or ShellProtocolException)
        {
            throw new ShellConnectionException($"connection to {Endpoint} lost: {e.Message}", inner: e);
        }
    }

    public ValueTask DisposeAsync()
    {
        tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendCancelAsync(long id)
    {
        try
        {
            await writer.WriteAsync(new CancelFrame(id), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The read loop reports the lost connection.
        }
    }
}
