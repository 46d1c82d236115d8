using Cluster.Edges.Dns.Codec;
using Cluster.Edges.Dns.SipLocation;

namespace Cluster.Edges.Tests.Dns.SipLocation;

public sealed class SrvOrderingTests
{
    private static SrvRecord Srv(ushort priority, ushort weight, string target) =>
        new("_sip._udp.example.test", 60, priority, weight, 5060, target);

    [Fact]
    public void Lower_priority_always_comes_first()
    {
        var records = new[] { Srv(20, 100, "backup"), Srv(10, 1, "primary-a"), Srv(10, 1, "primary-b"), Srv(30, 0, "last") };

        for (var seed = 0; seed < 50; seed++)
        {
            var order = SrvOrdering.Order(records, new Random(seed)).Select(r => r.Target).ToArray();
            Assert.Equal(["backup", "last"], order[2..]);
            Assert.Equal(["primary-a", "primary-b"], order[..2].Order());
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_order()
    {
        var records = Enumerable.Range(1, 8).Select(i => Srv(10, (ushort)(i * 10), $"t{i}")).ToArray();

        var a = SrvOrdering.Order(records, new Random(42));
        var b = SrvOrdering.Order(records, new Random(42));

        Assert.Equal(a, b);
        Assert.Equal(records.Length, a.Count);
    }

    [Fact]
    public void Weights_split_first_picks_in_proportion()
    {
        // RFC 2782: weight 90 against 10 should win the first place about 90% of the time.
        var records = new[] { Srv(10, 10, "light"), Srv(10, 90, "heavy") };
        var random = new Random(7);

        var heavyFirst = Enumerable.Range(0, 10_000).Count(_ => SrvOrdering.Order(records, random)[0].Target == "heavy");

        Assert.InRange(heavyFirst, 8_800, 9_200);
    }

    [Fact]
    public void Zero_weight_records_are_still_selected_but_rarely_first()
    {
        var records = new[] { Srv(10, 0, "zero"), Srv(10, 100, "hundred") };
        var random = new Random(11);

        var zeroFirst = Enumerable.Range(0, 10_000).Count(_ => SrvOrdering.Order(records, random)[0].Target == "zero");

        // Zero weight wins only when the draw is exactly 0 of 0..100: about 1%.
        Assert.InRange(zeroFirst, 50, 200);
    }
}
