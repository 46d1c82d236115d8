using System.Net;
using System.Net.Sockets;
using Cluster.Runtime.Commands.Protocol;

namespace Cluster.Runtime.Tests.Commands;

/// <summary>A bare protocol client for endpoint tests: frames in, frames out, every read under a deadline.</summary>
internal sealed class RawShellClient : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly TcpClient tcp;
    private readonly FrameReader reader;
    private readonly FrameWriter writer;

    private RawShellClient(TcpClient tcp)
    {
        this.tcp = tcp;
        reader = new FrameReader(tcp.GetStream());
        writer = new FrameWriter(tcp.GetStream());
    }

    public NetworkStream Stream => tcp.GetStream();

    public static async Task<RawShellClient> ConnectAsync(IPEndPoint endpoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        return new RawShellClient(tcp);
    }

    /// <summary>Sends hello and returns the node's answer (welcome or rejected).</summary>
    public async Task<ShellFrame?> HelloAsync(string? token = null)
    {
        await SendAsync(new HelloFrame(ShellProtocol.Version, "test", token));
        return await ReadAsync("the handshake answer");
    }

    public async Task<WelcomeFrame> WelcomeAsync(string? token = null)
    {
        var answer = await HelloAsync(token);
        return Assert.IsType<WelcomeFrame>(answer);
    }

    public Task SendAsync(ShellFrame frame) => writer.WriteAsync(frame, CancellationToken.None).AsTask();

    public async Task<ShellFrame?> ReadAsync(string expected)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expected {expected} within {Deadline.TotalSeconds} s");
        }
    }

    /// <summary>Runs a request and returns every frame up to and including its end frame.</summary>
    public async Task<List<ShellFrame>> RunAsync(long id, bool json, params string[] argv)
    {
        await SendAsync(new RequestFrame(id, argv, null, json));
        return await ReadUntilEndAsync(id);
    }

    public async Task<List<ShellFrame>> ReadUntilEndAsync(long id)
    {
        var frames = new List<ShellFrame>();
        while (true)
        {
            var frame = await ReadAsync($"frames of request {id} up to its end frame") ?? throw new IOException($"connection closed before request {id} ended");
            frames.Add(frame);
            if (frame is EndFrame end && end.Id == id)
                return frames;
        }
    }

    public ValueTask DisposeAsync()
    {
        tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
