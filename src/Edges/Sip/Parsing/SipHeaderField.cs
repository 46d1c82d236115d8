namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Where one header line lies in the message buffer: its name and its value (trimmed, folds included). The framer
/// produces one per header line, in order, and nothing else; typed views are built from these on demand.
/// </summary>
internal readonly record struct SipHeaderField(SipHeaderKind Kind, int NameStart, int NameLength, int ValueStart, int ValueLength)
{
    public Range Name => NameStart..(NameStart + NameLength);

    public Range Value => ValueStart..(ValueStart + ValueLength);
}
