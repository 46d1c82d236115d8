using System.Text;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Highest-random-weight (rendezvous) placement of shards on members: every node computes the same owner for a shard
/// from the same member list without talking to anyone, and when a member joins only the shards whose highest weight
/// is now the new member's move (about 1/(N+1) of them), all of them to the new member; when one leaves only its own
/// shards move. Weights come from a stable 64-bit hash (FNV-1a over UTF-8, finished with a 64-bit avalanche mix), never
/// <see cref="string.GetHashCode()"/>, which differs between processes.
/// </summary>
public static class RendezvousHashing
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>
    /// The member that should own <paramref name="shardKey"/> among <paramref name="candidates"/> (usually the Up
    /// members having the shard type's role), or null when there are none. Ties (practically impossible) go to the
    /// lower address.
    /// </summary>
    public static Member? Owner(string shardKey, IReadOnlyList<Member> candidates)
    {
        ArgumentNullException.ThrowIfNull(shardKey);
        ArgumentNullException.ThrowIfNull(candidates);
        var shardHash = Hash(FnvOffset, shardKey);
        Member? best = null;
        ulong bestWeight = 0;
        foreach (var member in candidates)
        {
            var weight = Weight(member, shardHash);
            if (best is null || weight > bestWeight || (weight == bestWeight && member.Address < best.Address))
            {
                best = member;
                bestWeight = weight;
            }
        }
        return best;
    }

    /// <summary>The desired owner of every shard in <paramref name="shardKeys"/> (shards without a candidate are left out).</summary>
    public static IReadOnlyDictionary<string, Member> DesiredOwners(IEnumerable<string> shardKeys, IReadOnlyList<Member> candidates)
    {
        ArgumentNullException.ThrowIfNull(shardKeys);
        ArgumentNullException.ThrowIfNull(candidates);
        var owners = new Dictionary<string, Member>(StringComparer.Ordinal);
        foreach (var key in shardKeys)
        {
            if (Owner(key, candidates) is { } owner) owners[key] = owner;
        }
        return owners;
    }

    /// <summary>Members eligible to host shards of a role: Up, and having the role (every Up member when the role is null or empty).</summary>
    public static IReadOnlyList<Member> Eligible(IEnumerable<Member> members, string? role) =>
        members.Where(m => m.Status == MemberStatus.Up && (string.IsNullOrEmpty(role) || m.HasRole(role)))
            .OrderBy(m => m.Address)
            .ToList();

    /// <summary>The weight of <paramref name="member"/> for a shard: depends only on the member's address (not its uid), so a restarted node gets its shards back.</summary>
    public static ulong Weight(Member member, string shardKey) => Weight(member, Hash(FnvOffset, shardKey));

    private static ulong Weight(Member member, ulong shardHash)
    {
        var h = Hash(shardHash ^ 0x9E3779B97F4A7C15UL, member.Address.ToString());
        return Mix(h);
    }

    /// <summary>FNV-1a 64 over the UTF-8 bytes of <paramref name="text"/>, seeded with <paramref name="seed"/>.</summary>
    internal static ulong Hash(ulong seed, string text)
    {
        var hash = seed;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes[..length])
        {
            hash ^= b;
            hash *= FnvPrime;
        }
        return hash;
    }

    /// <summary>The 64-bit finalizer of MurmurHash3 (fmix64): spreads FNV's weak high bits over the whole word.</summary>
    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xFF51AFD7ED558CCDUL;
        k ^= k >> 33;
        k *= 0xC4CEB9FE1A85EC53UL;
        k ^= k >> 33;
        return k;
    }
}
