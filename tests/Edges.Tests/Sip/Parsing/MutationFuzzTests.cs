using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>
/// Seeded mutation fuzzing (flip, insert, delete bytes) of valid messages: the parser never throws, never hits its
/// internal-error path, and its results are consistent (a complete message re-parses to the same framing).
/// </summary>
public sealed class MutationFuzzTests
{
    [Fact]
    public void Twenty_thousand_mutations_never_throw_and_stay_consistent()
    {
        var corpus = new[] { SampleMessages.Register, SampleMessages.Invite, TortureMessages.Load("wsinv"), TortureMessages.Load("intmeth"),
            TortureMessages.Load("esc01"), TortureMessages.Load("ipv6-good"), TortureMessages.Load("mpart01") };
        var internalErrorsBefore = SipParserCounters.InternalErrors;
        var failures = SipParserFuzzer.Run(corpus, seed: 4475, iterations: 20_000);
        Assert.True(failures.Count == 0, "fuzz inconsistencies:\n" + string.Join("\n", failures.Take(5)));
        Assert.Equal(internalErrorsBefore, SipParserCounters.InternalErrors);
    }
}
