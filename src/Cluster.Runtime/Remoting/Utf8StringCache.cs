using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Turns the UTF-8 recipient paths, sender paths and manifests of received frames into strings without allocating on
/// the hot path: the same few hundred paths and manifests repeat, so a small direct-mapped table keyed by the bytes
/// returns the string made the first time. One instance per connection (used by its read loop only, not thread-safe).
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxCachedLength = 512;
    private readonly Entry[] _entries;
    private readonly int _mask;

    public Utf8StringCache(int size = 1024)
    {
        if (size < 1 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "Size must be a power of two.");
        _entries = new Entry[size];
        _mask = size - 1;
    }

    /// <summary>Returns the string for <paramref name="bytes"/>, or false if they are not valid UTF-8.</summary>
    public bool TryGet(in ReadOnlySequence<byte> bytes, out string value)
    {
        if (bytes.IsEmpty)
        {
            value = "";
            return true;
        }
        if (bytes.Length > MaxCachedLength) return TryCreate(bytes.ToArray(), out value);
        if (bytes.IsSingleSegment) return TryGet(bytes.FirstSpan, out value);
        Span<byte> copy = stackalloc byte[MaxCachedLength];
        var length = (int)bytes.Length;
        bytes.CopyTo(copy);
        return TryGet(copy[..length], out value);
    }

    private bool TryGet(ReadOnlySpan<byte> bytes, out string value)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        var slot = hash.ToHashCode() & _mask;
        var entry = _entries[slot];
        if (entry is not null && bytes.SequenceEqual(entry.Bytes))
        {
            value = entry.Value;
            return true;
        }
        if (!Utf8.IsValid(bytes))
        {
            value = "";
            return false;
        }
        value = Encoding.UTF8.GetString(bytes);
        _entries[slot] = new Entry(bytes.ToArray(), value);
        return true;
    }

    private static bool TryCreate(ReadOnlySpan<byte> bytes, out string value)
    {
        if (!Utf8.IsValid(bytes))
        {
            value = "";
            return false;
        }
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    private sealed record Entry(byte[] Bytes, string Value);
}
