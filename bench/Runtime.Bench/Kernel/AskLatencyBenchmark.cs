using System.Diagnostics;
using Cluster.Runtime.Kernel;
using Serilog.Core;

namespace Cluster.Bench.Kernel;

/// <summary>
/// Ask round-trip latency: one caller awaits Ask after Ask against an echo actor; each round trip is timed
/// (send, actor runs, reply completes the task, the awaiting continuation resumes).
/// </summary>
public sealed class AskLatencyBenchmark : IBenchmark
{
    public string Name => "ask";
    public string Description => "Ask round-trip latency p50/p99 (target p50 <= 20 us)";

    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 200_000;
        var warmup = args.Length > 1 ? int.Parse(args[1]) : 50_000;
        var settings = ActorSystemSettings.Default with { Logger = Logger.None };
        await using var system = ActorSystem.Create("bench", settings);
        var echo = system.ActorOf(Props.Create<Echo>(), "echo");
        var timeout = TimeSpan.FromSeconds(5);
        var message = new object();
        for (var i = 0; i < warmup; i++) await echo.Ask<object>(message, timeout);

        var samples = new long[count];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await echo.Ask<object>(message, timeout);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
        total.Stop();
        Array.Sort(samples);
        double Us(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        var p50 = Us(samples[count / 2]);
        var p90 = Us(samples[(int)(count * 0.90)]);
        var p99 = Us(samples[(int)(count * 0.99)]);
        var max = Us(samples[^1]);
        Console.WriteLine($"{count:N0} asks in {total.Elapsed.TotalMilliseconds:N0} ms ({count / total.Elapsed.TotalSeconds:N0}/s sequential)");
        Console.WriteLine($"RESULT ask p50={p50:F1}us p90={p90:F1}us p99={p99:F1}us max={max:F0}us n={count}");
    }
}
