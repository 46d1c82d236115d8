using System.Buffers;
using System.Text;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// Hash of entity ids that is identical in every process, on every platform and in every version: 32-bit FNV-1a
/// (Fowler/Noll/Vo, offset basis 2166136261, prime 16777619) over the UTF-8 bytes of the id. Invalid UTF-16
/// (a lone surrogate) is encoded as U+FFFD, the same everywhere. Chosen for being tiny, well known and stable, not
/// for speed; shard ids are computed once per message.
/// </summary>
internal static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;
    private const int StackLimit = 512;

    public static uint Fnv1a32(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        var buffer = byteCount <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return Fnv1a32(buffer[..written]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static uint Fnv1a32(ReadOnlySpan<byte> bytes)
    {
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
