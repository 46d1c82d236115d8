namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// The fixed 12-byte message header (RFC 1035 §4.1.1) minus the section counts, which the writer derives from the
/// section lists so they can never disagree with the content. <see cref="ResponseCode"/> holds only the low four
/// bits; <see cref="DnsMessage.ResponseCode"/> combines them with the EDNS0 extension.
/// </summary>
public readonly record struct DnsHeader(
    ushort Id,
    bool IsResponse = false,
    DnsOpcode Opcode = DnsOpcode.Query,
    bool AuthoritativeAnswer = false,
    bool Truncated = false,
    bool RecursionDesired = true,
    bool RecursionAvailable = false,
    bool AuthenticData = false,
    bool CheckingDisabled = false,
    byte ResponseCode = 0)
{
    /// <summary>Header size on the wire in bytes.</summary>
    public const int Size = 12;

    internal ushort EncodeFlags()
    {
        var flags = 0;
        if (IsResponse) flags |= 0x8000;
        flags |= ((int)Opcode & 0xF) << 11;
        if (AuthoritativeAnswer) flags |= 0x0400;
        if (Truncated) flags |= 0x0200;
        if (RecursionDesired) flags |= 0x0100;
        if (RecursionAvailable) flags |= 0x0080;
        if (AuthenticData) flags |= 0x0020;
        if (CheckingDisabled) flags |= 0x0010;
        flags |= ResponseCode & 0xF;
        return (ushort)flags;
    }

    internal static DnsHeader Decode(ushort id, ushort flags) => new(
        id,
        IsResponse: (flags & 0x8000) != 0,
        Opcode: (DnsOpcode)((flags >> 11) & 0xF),
        AuthoritativeAnswer: (flags & 0x0400) != 0,
        Truncated: (flags & 0x0200) != 0,
        RecursionDesired: (flags & 0x0100) != 0,
        RecursionAvailable: (flags & 0x0080) != 0,
        AuthenticData: (flags & 0x0020) != 0,
        CheckingDisabled: (flags & 0x0010) != 0,
        ResponseCode: (byte)(flags & 0xF));
}
