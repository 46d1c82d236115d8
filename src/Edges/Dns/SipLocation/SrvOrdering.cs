using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns.SipLocation;

/// <summary>
/// RFC 2782 target selection: lowest priority first; within one priority, a weighted random order so load spreads
/// in proportion to the weights. The <see cref="Random"/> is passed in so tests can pin the order with a seed.
/// </summary>
public static class SrvOrdering
{
    public static IReadOnlyList<SrvRecord> Order(IEnumerable<SrvRecord> records, Random random)
    {
        var result = new List<SrvRecord>();
        foreach (var group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            // RFC 2782: "arrange all SRV RRs (that have not been ordered yet) in any order, except that all those with
            // weight 0 are placed at the beginning of the list."
            var pending = group.Where(r => r.Weight == 0).Concat(group.Where(r => r.Weight != 0)).ToList();
            while (pending.Count > 0)
            {
                var total = pending.Sum(r => r.Weight);
                // "choose a uniform random number between 0 and the sum computed (inclusive)"
                var pick = random.Next(0, total + 1);
                var running = 0;
                var chosen = pending.Count - 1;
                for (var i = 0; i < pending.Count; i++)
                {
                    running += pending[i].Weight;
                    if (running >= pick)
                    {
                        chosen = i;
                        break;
                    }
                }
                result.Add(pending[chosen]);
                pending.RemoveAt(chosen);
            }
        }
        return result;
    }
}
