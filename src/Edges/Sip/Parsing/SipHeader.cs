using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// One header line of a parsed message, in wire order. A view over the message bytes: <see cref="Name"/> and
/// <see cref="Value"/> allocate strings when read, <see cref="RawValue"/> does not.
/// </summary>
public readonly struct SipHeader
{
    private readonly byte[] buffer;
    private readonly SipHeaderField header;

    internal SipHeader(byte[] buffer, SipHeaderField header)
    {
        this.buffer = buffer;
        this.header = header;
    }

    public SipHeaderKind Kind => header.Kind;

    /// <summary>The name as written (compact forms stay compact; use <see cref="CanonicalName"/> to compare).</summary>
    public string Name => Encoding.UTF8.GetString(buffer.AsSpan(header.Name));

    /// <summary>Long form for known headers, the written name for extension headers.</summary>
    public string CanonicalName => SipHeaderNames.GetName(header.Kind) ?? Name;

    /// <summary>The value with folds collapsed to single spaces (RFC 3261 §7.3.1).</summary>
    public string Value => SipText.Unfold(buffer.AsSpan(header.Value));

    /// <summary>The value bytes as received (trimmed, folds kept).</summary>
    public ReadOnlyMemory<byte> RawValue => buffer.AsMemory(header.Value);

    public override string ToString() => $"{Name}: {Value}";
}
