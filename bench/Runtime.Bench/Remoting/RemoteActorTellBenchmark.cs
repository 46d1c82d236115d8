using System.Diagnostics;
using System.Reflection;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;
using Serilog;

namespace Cluster.Bench.Remoting;

/// <summary>
/// Actor-to-actor Tell between two remote-enabled actor systems on loopback: the whole path (serialization with a
/// registered manifest, transport, deserialization, resolution of recipient and sender, mailbox). By default the
/// receiving system runs in a child process (this program started with <c>remote-actor-tell --child</c>);
/// <c>--inproc</c> runs both systems here. <c>--pairs N</c> runs N sender/receiver pairs at once.
/// Arguments: <c>[--messages N] [--pairs N] [--inproc]</c>.
/// </summary>
public sealed class RemoteActorTellBenchmark : IBenchmark
{
    private const int AckEvery = 2_000;
    private const long WindowTotal = 60_000;   // unacknowledged messages over all pairs; below the send queue (100,000)

    public string Name => "remote-actor-tell";
    public string Description => "actor-to-actor Tell messages/s between two remote actor systems on loopback (child process peer)";

    public async Task RunAsync(string[] args)
    {
        if (args.Contains("--child"))
        {
            await RunChildAsync(IntArg(args, "--pairs", 1));
            return;
        }
        var messages = IntArg(args, "--messages", 1_000_000);
        var pairs = IntArg(args, "--pairs", 1);
        var inProcess = args.Contains("--inproc");

        var local = StartSystem();
        Process? child = null;
        ActorSystem? peerSystem = null;
        Address peer;
        var quit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (inProcess)
        {
            peerSystem = StartSystem();
            for (var i = 0; i < pairs; i++) peerSystem.ActorOf(Props.Create(() => new BenchReceiver(quit)), $"receiver-{i}");
            peer = peerSystem.Address;
        }
        else
        {
            (child, var port) = await StartChildAsync(pairs);
            peer = new Address(Address.DefaultProtocol, "uc", "127.0.0.1", port);
        }

        var receivers = new List<IActorRef>();
        try
        {
            for (var i = 0; i < pairs; i++)
                receivers.Add(await local.ActorSelection($"{peer}/user/receiver-{i}").ResolveOne(TimeSpan.FromSeconds(30)));
            await RunRoundAsync(local, receivers, Math.Min(messages, 200_000), "warm-up");
            var elapsed = await RunRoundAsync(local, receivers, messages, "measured");
            var total = (long)messages * pairs;
            Console.WriteLine($"RESULT remote-actor-tell: {total / elapsed.TotalSeconds:N0} msg/s ({pairs} pair(s) x {messages:N0} messages in {elapsed.TotalSeconds:F2} s, " +
                              $"{(inProcess ? "in-process" : "two processes")})");
            var remoting = RemotingExtension.Get(local);
            var t = remoting.Transport.Counters;
            Console.WriteLine($"       sender batching: {t.MessagesSent / (double)Math.Max(1, t.SocketWrites):F1} frames per socket write; " +
                              $"transport drops: {t.DroppedQueueFull}; not enqueued: {remoting.Counters.SendsNotEnqueued}; dead letters: {local.DeadLetterCount}");
        }
        finally
        {
            foreach (var r in receivers.Take(1)) r.Tell("quit", ActorRefs.NoSender);
            await local.Terminate();
            if (peerSystem is not null) await peerSystem.Terminate();
            if (child is not null)
            {
                if (!child.WaitForExit(15_000)) child.Kill();
                child.Dispose();
            }
        }
    }

    private static async Task<TimeSpan> RunRoundAsync(ActorSystem local, List<IActorRef> receivers, int messages, string label)
    {
        var done = receivers.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var senders = receivers.Select((r, i) => local.ActorOf(Props.Create(() => new BenchSender(r, Math.Max(AckEvery * 2, WindowTotal / receivers.Count), AckEvery, done[i], messages)))).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var s in senders) s.Tell("start", ActorRefs.NoSender);
        var all = Task.WhenAll(done.Select(d => d.Task));
        var remoting = RemotingExtension.Get(local);
        while (await Task.WhenAny(all, Task.Delay(200)) != all)
        {
            // A dropped message would stall the flow control forever: fail instead of hanging.
            if (remoting.Counters.SendsNotEnqueued > 0 || local.DeadLetterCount > 0)
                throw new InvalidOperationException($"{label} round lost messages ({remoting.Counters.SendsNotEnqueued} not enqueued, {local.DeadLetterCount} dead letters)");
            if (watch.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{label} round did not complete within 5 minutes");
        }
        var elapsed = watch.Elapsed;
        foreach (var s in senders) local.Stop(s);
        return elapsed;
    }

    private static ActorSystem StartSystem()
    {
        var remote = new RemoteActorSettings
        {
            Transport = new RemotingSettings
            {
                BindHost = "127.0.0.1",
                BindPort = 0,
                SendQueueCapacity = 100_000,
                AcceptableHeartbeatPause = TimeSpan.FromSeconds(30),
            },
            RegisterMessages = RemoteActorTellMessages.Register,
        };
        return RemoteActorSystem.Create("uc", remote, ActorSystemSettings.Default with { Logger = new LoggerConfiguration().CreateLogger() });
    }

    private static async Task RunChildAsync(int pairs)
    {
        var quit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var system = StartSystem();
        for (var i = 0; i < pairs; i++) system.ActorOf(Props.Create(() => new BenchReceiver(quit)), $"receiver-{i}");
        Console.WriteLine($"PORT {system.Address.Port}");
        await quit.Task;
        await system.Terminate();
    }

    private static async Task<(Process, int)> StartChildAsync(int pairs)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's path to start the peer.");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "remote-actor-tell", "--child", "--pairs", pairs.ToString() }) info.ArgumentList.Add(a);
        var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start the peer process.");
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("PORT ", StringComparison.Ordinal)) return (child, int.Parse(line[5..]));
        }
        throw new InvalidOperationException("The peer process exited before reporting its port.");
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
