using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Reflection;
using Cluster.Runtime.Remoting;
using Serilog;

namespace Cluster.Bench.Remoting;

/// <summary>
/// Throughput of <see cref="RemoteTransport"/> on loopback with small messages, one way and both ways. By default the
/// receiving node is a child process (this program started again with <c>remote-tell --child</c>) so that the two
/// transports do not share a GC heap or thread pool; <c>--inproc</c> runs both in this process.
/// Arguments: <c>[--messages N] [--payload BYTES] [--inproc]</c>.
/// </summary>
public sealed class RemoteTellBenchmark : IBenchmark
{
    private const string Target = "/user/bench-target";
    private const string Source = "/user/bench-source";

    public string Name => "remote-tell";
    public string Description => "remoting messages/s over loopback TCP, one way and both ways (child process peer)";

    public async Task RunAsync(string[] args)
    {
        if (args.Contains("--child"))
        {
            await RunChildAsync();
            return;
        }
        var messages = IntArg(args, "--messages", 2_000_000);
        var payloadSize = IntArg(args, "--payload", 50);
        var inProcess = args.Contains("--inproc");

        var local = new BenchNode();
        local.Start();
        Process? child = null;
        BenchNode? inProcessPeer = null;
        NodeAddress peer;
        if (inProcess)
        {
            inProcessPeer = new BenchNode();
            inProcessPeer.Start();
            peer = inProcessPeer.Transport.LocalAddress.Address;
        }
        else
        {
            (child, peer) = await StartChildAsync();
        }

        try
        {
            // Warm-up: JIT, connection, tiered compilation.
            await OneWayAsync(local, peer, Math.Min(messages, 300_000), payloadSize);
            var oneWay = await OneWayAsync(local, peer, messages, payloadSize);
            Console.WriteLine($"RESULT remote-tell one-way: {messages / oneWay.TotalSeconds:N0} msg/s ({messages:N0} x {payloadSize} B in {oneWay.TotalSeconds:F2} s, {(inProcess ? "in-process" : "two processes")})");
            var bothWays = await BothWaysAsync(local, peer, messages, payloadSize);
            Console.WriteLine($"RESULT remote-tell both-ways: {2.0 * messages / bothWays.TotalSeconds:N0} msg/s total ({messages:N0} each way x {payloadSize} B in {bothWays.TotalSeconds:F2} s)");
            var c = local.Transport.Counters;
            Console.WriteLine($"       sender batching: {c.MessagesSent / (double)Math.Max(1, c.SocketWrites):F1} messages per socket write; drops: {c.DroppedQueueFull}");
        }
        finally
        {
            local.Transport.Send(peer, Target, null, "quit", []);
            await local.Transport.ShutdownAsync();
            if (inProcessPeer is not null) await inProcessPeer.Transport.ShutdownAsync();
            if (child is not null)
            {
                if (!child.WaitForExit(10_000)) child.Kill();
                child.Dispose();
            }
        }
    }

    private static async Task<TimeSpan> OneWayAsync(BenchNode local, NodeAddress peer, int messages, int payloadSize)
    {
        var done = local.ExpectDone();
        local.Transport.Send(peer, Target, Source, "expect", Int64(messages));
        var watch = Stopwatch.StartNew();
        await Blast(local.Transport, peer, messages, payloadSize);
        await done.WaitAsync(TimeSpan.FromMinutes(5));
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> BothWaysAsync(BenchNode local, NodeAddress peer, int messages, int payloadSize)
    {
        var peerDone = local.ExpectDone();
        var localDone = local.Expect(messages);
        local.Transport.Send(peer, Target, Source, "expect", Int64(messages));
        var watch = Stopwatch.StartNew();
        local.Transport.Send(peer, Target, Source, "blast", Int64(((long)messages << 16) | (uint)payloadSize));
        await Blast(local.Transport, peer, messages, payloadSize);
        await Task.WhenAll(peerDone, localDone).WaitAsync(TimeSpan.FromMinutes(5));
        return watch.Elapsed;
    }

    /// <summary>Sends as fast as the queue drains: waits (yielding) while the queue is nearly full, so nothing is dropped.</summary>
    private static Task Blast(RemoteTransport transport, NodeAddress peer, int messages, int payloadSize) => Task.Run(() =>
    {
        var payload = new byte[payloadSize];
        var limit = transport.Settings.SendQueueCapacity - 64;
        for (var i = 0; i < messages; i++)
        {
            while (transport.QueuedMessages(peer) >= limit) Thread.Yield();
            if (transport.Send(peer, Target, Source, "m", payload) != SendOutcome.Enqueued)
                throw new InvalidOperationException("benchmark message was not enqueued");
        }
    });

    private static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }

    private static async Task<(Process, NodeAddress)> StartChildAsync()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's path to start the peer.");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        info.ArgumentList.Add("remote-tell");
        info.ArgumentList.Add("--child");
        var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start the peer process.");
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("PORT ", StringComparison.Ordinal))
                return (child, new NodeAddress("127.0.0.1", int.Parse(line[5..])));
        }
        throw new InvalidOperationException("The peer process exited before reporting its port.");
    }

    private static async Task RunChildAsync()
    {
        var node = new BenchNode();
        node.Start();
        Console.WriteLine($"PORT {node.Transport.LocalAddress.Address.Port}");
        await node.Quit.Task;
        await node.Transport.ShutdownAsync();
    }

    /// <summary>One benchmark node: counts "m" messages, answers "done" when the expected count arrived.</summary>
    private sealed class BenchNode : IInboundHandler
    {
        private long _received;
        private long _expected = long.MaxValue;
        private TaskCompletionSource _countReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _doneReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RemoteTransport Transport { get; private set; } = null!;
        public TaskCompletionSource Quit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Start()
        {
            var settings = new RemotingSettings
            {
                BindHost = "127.0.0.1",
                BindPort = 0,
                SendQueueCapacity = 100_000,
                HeartbeatInterval = TimeSpan.FromSeconds(1),
                AcceptableHeartbeatPause = TimeSpan.FromSeconds(30),
            };
            Transport = new RemoteTransport(settings, this, new LoggerConfiguration().CreateLogger()).Start();
        }

        public Task ExpectDone()
        {
            _doneReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _doneReceived.Task;
        }

        public Task Expect(long count)
        {
            _countReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _received, 0);
            Volatile.Write(ref _expected, count);
            return _countReached.Task;
        }

        public void OnMessage(NodeAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload)
        {
            switch (manifest)
            {
                case "m":
                    if (++_received == Volatile.Read(ref _expected))
                    {
                        _countReached.TrySetResult();
                        if (senderPath is not null) Transport.Send(from, Source, null, "done", []);
                    }
                    break;
                case "expect":
                    Expect(ReadInt64(payload));
                    break;
                case "blast":
                    var value = ReadInt64(payload);
                    _ = Blast(Transport, from, (int)(value >> 16), (int)(value & 0xFFFF));
                    break;
                case "done":
                    _doneReceived.TrySetResult();
                    break;
                case "quit":
                    Quit.TrySetResult();
                    break;
            }
        }

        private static long ReadInt64(ReadOnlySequence<byte> payload)
        {
            Span<byte> bytes = stackalloc byte[8];
            payload.CopyTo(bytes);
            return BinaryPrimitives.ReadInt64BigEndian(bytes);
        }
    }
}
