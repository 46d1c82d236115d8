using System.Diagnostics;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Bench;

/// <summary>
/// Open-ended mutation fuzzing of the SIP parser (the same target as the seeded unit test) until the time is up.
/// Each failure prints the input in base64: add it to the regression tests before fixing the parser.
/// </summary>
internal static class SipFuzzCommand
{
    public static int Run(string[] args)
    {
        var seconds = BenchArgs.Int(args, "--seconds", 60);
        var seed = BenchArgs.Int(args, "--seed", Environment.TickCount & int.MaxValue);
        var dir = Path.Combine(AppContext.BaseDirectory, "Torture");
        var corpus = Directory.GetFiles(dir, "*.dat").Select(File.ReadAllBytes).Append(SipSamples.Register).Append(SipSamples.Invite).ToList();
        Console.WriteLine($"fuzzing the SIP parser for {seconds}s, seed {seed}, corpus {corpus.Count} messages");
        var watch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        long iterations = 0;
        var failures = new List<string>();
        var round = 0;
        while (watch.Elapsed < deadline)
        {
            failures.AddRange(SipParserFuzzer.Run(corpus, seed + round++, 5_000, () => watch.Elapsed < deadline));
            iterations += 5_000;
        }
        Console.WriteLine($"{iterations:N0} mutations in {watch.Elapsed.TotalSeconds:N0}s ({iterations / watch.Elapsed.TotalSeconds:N0}/s), " +
                          $"{failures.Count} failures, {SipParserCounters.InternalErrors} internal errors");
        foreach (var f in failures.Take(20)) Console.WriteLine("  " + f);
        return failures.Count == 0 ? 0 : 1;
    }
}
