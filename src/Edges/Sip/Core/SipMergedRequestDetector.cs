using System.Collections.Concurrent;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// RFC 3261 §8.2.2.2 merged requests: a request without a To tag whose From tag, Call-ID and CSeq equal those of a
/// request seen recently on another branch arrived twice over different paths (a fork that looped back); the
/// second copy gets 482 Loop Detected. Entries live for 64*T1 (the longest a transaction can be alive) and the table
/// is bounded: when full, expired entries are dropped and, if none are, new requests are not recorded (a missed
/// merge then only means the domain sees a duplicate it de-duplicates by Call-ID/CSeq anyway).
/// </summary>
internal sealed class SipMergedRequestDetector(int capacity, TimeSpan lifetime, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string FromTag, string CallId, uint CSeq, string Method), (string Branch, DateTimeOffset Until)> seen = new();

    /// <summary>True when the request is a merged copy of one seen on another branch.</summary>
    public bool IsMerged(string fromTag, string callId, uint cseq, string method, string branch)
    {
        var now = time.GetUtcNow();
        var key = (fromTag, callId, cseq, method);
        if (seen.TryGetValue(key, out var entry) && entry.Until > now)
            return !string.Equals(entry.Branch, branch, StringComparison.Ordinal);
        if (seen.Count >= capacity)
        {
            foreach (var pair in seen)
                if (pair.Value.Until <= now) seen.TryRemove(pair.Key, out _);
            if (seen.Count >= capacity) return false;
        }
        seen[key] = (branch, now + lifetime);
        return false;
    }
}
