namespace Cluster.Edges.Sip.Auth;

/// <summary>
/// Highest nonce count seen per nonce, in a bounded least-recently-used table, so a replayed or non-increasing nc is
/// refused (RFC 7616 §3.4, §5.5). A nonce that is not (or no longer) in the table is only accepted with nc=1; any
/// other count on an unknown nonce is answered stale, which makes the client start over with a fresh nonce.
/// </summary>
internal sealed class SipNonceCountTracker(int capacity)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Nonce, uint Count)>> index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Nonce, uint Count)> order = new();

    public enum Outcome : byte { Accepted, Replay, Unknown }

    public Outcome Check(string nonce, uint count)
    {
        lock (gate)
        {
            if (index.TryGetValue(nonce, out var node))
            {
                if (count <= node.Value.Count) return Outcome.Replay;
                node.Value = (nonce, count);
                order.Remove(node);
                order.AddFirst(node);
                return Outcome.Accepted;
            }
            if (count != 1) return Outcome.Unknown;
            if (index.Count >= capacity)
            {
                var last = order.Last!;
                order.RemoveLast();
                index.Remove(last.Value.Nonce);
            }
            index[nonce] = order.AddFirst((nonce, count));
            return Outcome.Accepted;
        }
    }

    public int Count
    {
        get { lock (gate) return index.Count; }
    }
}
