using System.Diagnostics;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Bench;

/// <summary>
/// Parse throughput on one thread: framing plus the eager headers (what every message pays), then the same with
/// the lazy Contact/Expires a registrar reads. Prints messages/s, ns/message and bytes allocated per message.
/// </summary>
internal static class SipParseBenchmark
{
    public static int Run(string[] args)
    {
        var seconds = BenchArgs.Int(args, "--seconds", 3);
        Console.WriteLine($"SIP parse throughput, {seconds}s per case, single thread");
        Measure("REGISTER (framing + eager headers)", SipSamples.Register, seconds, touchRegistrar: false);
        Measure("REGISTER (+ Contact, Expires, To URI)", SipSamples.Register, seconds, touchRegistrar: true);
        Measure("INVITE (framing + eager headers)", SipSamples.Invite, seconds, touchRegistrar: false);
        return 0;
    }

    private static void Measure(string name, byte[] message, int seconds, bool touchRegistrar)
    {
        for (var i = 0; i < 200_000; i++) ParseOne(message, touchRegistrar); // warm-up and tiering
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        long count = 0;
        var budget = TimeSpan.FromSeconds(seconds);
        while (watch.Elapsed < budget)
        {
            for (var i = 0; i < 10_000; i++) ParseOne(message, touchRegistrar);
            count += 10_000;
        }
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var perSecond = count / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  {name,-40} {perSecond,12:N0} msg/s  {1e9 / perSecond,8:N0} ns/msg  {allocated / (double)count,6:N0} B/msg  ({message.Length} bytes)");
    }

    private static void ParseOne(byte[] message, bool touchRegistrar)
    {
        var result = SipMessageParser.ParseDatagram(message, SipParserOptions.Default, out var m);
        if (!result.IsComplete) throw new InvalidOperationException($"benchmark message did not parse: {result}");
        if (!touchRegistrar) return;
        m!.TryGetContacts(out var contacts, out _);
        _ = contacts[0].Expires;
        _ = m.To.Uri;
    }
}
