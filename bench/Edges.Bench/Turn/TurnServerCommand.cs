using System.Net;
using Cluster.Edges.Turn;
using Cluster.Runtime.Kernel;
using Serilog;
using Serilog.Events;

namespace Cluster.Edges.Bench.Turn;

/// <summary>
/// <c>turn-server --port N --secret S [--relay-min P --relay-max P] [--address A] [--verbose]</c>: a console host
/// for the TURN server on its own, for bench/turn/run.sh and manual interop, until the node wiring hosts it. It
/// allows loopback peers (the bench's peers are on 127.0.0.1) and runs until stdin closes or Ctrl-C.
/// </summary>
internal static class TurnServerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = BenchArgs.Int(args, "--port", StunSettings.DefaultPort);
        var secret = BenchArgs.Text(args, "--secret") ?? throw new ArgumentException("--secret S is required (the REST API shared secret)");
        var address = IPAddress.Parse(BenchArgs.Text(args, "--address") ?? "127.0.0.1");
        var level = args.Contains("--verbose") ? LogEventLevel.Debug : LogEventLevel.Warning;
        Log.Logger = new LoggerConfiguration().MinimumLevel.Is(level).WriteTo.Console().CreateLogger();
        var settings = new TurnSettings
        {
            Stun = new StunSettings { ListenAddress = address, Port = port, UdpReceiveLoops = BenchArgs.Int(args, "--loops", 1) },
            Realm = BenchArgs.Text(args, "--realm") ?? "uc.local",
            AuthSecrets = [secret],
            RelayAddress = address,
            RelayPortMin = BenchArgs.Int(args, "--relay-min", 49152),
            RelayPortMax = BenchArgs.Int(args, "--relay-max", 65535),
            PeerAllow = ["127.0.0.0/8"],
            UserQuota = 0,
            TotalQuota = 0,
        };
        await using var system = ActorSystem.Create("turn-bench");
        await using var server = new TurnServer(settings, system);
        server.Start();
        Console.WriteLine($"turn-server listening on udp {server.UdpEndPoint} tcp {server.TcpEndPoint}, pid {Environment.ProcessId}");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        _ = Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }

            stop.TrySetResult();
        });
        await stop.Task;
        Console.WriteLine($"turn-server stopping: {server.Counters.AllocationsCreated} allocations, {server.Counters.PacketsToPeer} packets to peers, {server.Counters.PacketsToClient} to clients");
        return 0;
    }
}
