using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;

namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// Decodes DNS messages (RFC 1035 §4). Never throws for any input: malformed bytes yield false and a reason, so a
/// hostile or broken server cannot crash the client. Compression pointers must point strictly backwards, before
/// where the current run of labels started (RFC 1035 §4.1.4 "a prior occurrence"), which makes loops impossible.
/// </summary>
public static class DnsMessageReader
{
    /// <summary>Hard cap on pointer hops inside one name, a second guard next to the backwards-only rule.</summary>
    private const int MaxPointerHops = 64;

    /// <summary>
    /// Parses <paramref name="data"/>. A message with the TC bit set may be cut short (RFC 2181 §9): records that
    /// are incomplete are then dropped instead of failing the whole message. Bytes after the last record are ignored.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(true)] out DnsMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        if (data.Length < DnsHeader.Size)
        {
            error = $"message of {data.Length} bytes is shorter than the {DnsHeader.Size}-byte header";
            return false;
        }
        var header = DnsHeader.Decode(BinaryPrimitives.ReadUInt16BigEndian(data), BinaryPrimitives.ReadUInt16BigEndian(data[2..]));
        int qd = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        int an = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        int ns = BinaryPrimitives.ReadUInt16BigEndian(data[8..]);
        int ar = BinaryPrimitives.ReadUInt16BigEndian(data[10..]);
        var pos = DnsHeader.Size;

        var questions = new List<DnsQuestion>(Math.Min(qd, 4));
        for (var i = 0; i < qd; i++)
        {
            if (!TryReadName(data, ref pos, out var name, out error))
                return Fail(out error, $"question {i}: {error}");
            if (pos + 4 > data.Length)
                return Fail(out error, $"question {i}: type/class run past the end at offset {pos}");
            var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            var cls = (DnsClass)BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            pos += 4;
            questions.Add(new DnsQuestion(name, type, cls));
        }

        var answers = new List<DnsRecord>(Math.Min(an, 16));
        var authorities = new List<DnsRecord>(Math.Min(ns, 4));
        var additionals = new List<DnsRecord>(Math.Min(ar, 4));
        var truncatedStop = false;
        foreach (var (list, count, section) in new[] { (answers, an, "answer"), (authorities, ns, "authority"), (additionals, ar, "additional") })
        {
            for (var i = 0; i < count && !truncatedStop; i++)
            {
                if (!TryReadRecord(data, ref pos, section == "additional", out var record, out error))
                {
                    if (header.Truncated)
                    {
                        // RFC 2181 §9: the sender cut the message; keep what was complete, the caller retries over TCP.
                        truncatedStop = true;
                        break;
                    }
                    return Fail(out error, $"{section} record {i}: {error}");
                }
                list.Add(record);
            }
        }
        if (additionals.Count(r => r is OptRecord) > 1)
            return Fail(out error, "more than one OPT record (RFC 6891 §6.1.1)");

        message = new DnsMessage
        {
            Header = header,
            Questions = questions,
            Answers = answers,
            Authorities = authorities,
            Additionals = additionals,
        };
        error = null;
        return true;
    }

    /// <summary>Reads only the id, so a transport can tell a reply to its query from noise even if the rest is broken.</summary>
    public static bool TryReadId(ReadOnlySpan<byte> data, out ushort id)
    {
        id = data.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(data) : (ushort)0;
        return data.Length >= 2;
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> data, ref int pos, bool allowOpt, [NotNullWhen(true)] out DnsRecord? record, [NotNullWhen(false)] out string? error)
    {
        record = null;
        if (!TryReadName(data, ref pos, out var name, out error))
            return false;
        if (pos + 10 > data.Length)
            return Fail(out error, $"record header runs past the end at offset {pos}");
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
        var cls = (DnsClass)BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
        var rawTtl = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 4)..]);
        int rdLength = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 8)..]);
        pos += 10;
        if (pos + rdLength > data.Length)
            return Fail(out error, $"RDATA of {rdLength} bytes runs past the end at offset {pos}");
        var rdStart = pos;
        var rdEnd = pos + rdLength;
        pos = rdEnd;

        if (type == DnsRecordType.OPT)
        {
            if (!allowOpt)
                return Fail(out error, "OPT record outside the additional section (RFC 6891 §6.1.1)");
            if (name.Length != 0)
                return Fail(out error, "OPT record owner is not the root (RFC 6891 §6.1.2)");
            var opt = new OptRecord((ushort)cls, (byte)(rawTtl >> 24), (byte)(rawTtl >> 16), (rawTtl & 0x8000) != 0, data[rdStart..rdEnd].ToArray());
            record = opt;
            return true;
        }

        // RFC 2181 §8: a TTL with the most significant bit set is treated as zero.
        var ttl = rawTtl > int.MaxValue ? 0u : rawTtl;
        if (cls != DnsClass.Internet)
        {
            record = new UnknownRecord(name, type, cls, ttl, data[rdStart..rdEnd].ToArray());
            return true;
        }
        var rd = rdStart;
        switch (type)
        {
            case DnsRecordType.A:
                if (rdLength != 4)
                    return Fail(out error, $"A RDATA is {rdLength} bytes, expected 4");
                record = new ARecord(name, ttl, new IPAddress(data[rdStart..rdEnd]));
                return true;
            case DnsRecordType.AAAA:
                if (rdLength != 16)
                    return Fail(out error, $"AAAA RDATA is {rdLength} bytes, expected 16 (RFC 3596 §2.2)");
                record = new AaaaRecord(name, ttl, new IPAddress(data[rdStart..rdEnd]));
                return true;
            case DnsRecordType.CNAME:
                if (!TryReadName(data, ref rd, out var target, out error, rdEnd))
                    return Fail(out error, $"CNAME target: {error}");
                record = new CnameRecord(name, ttl, target);
                break;
            case DnsRecordType.SRV:
                if (rdLength < 7)
                    return Fail(out error, $"SRV RDATA is {rdLength} bytes, at least 7 needed (RFC 2782)");
                var priority = BinaryPrimitives.ReadUInt16BigEndian(data[rd..]);
                var weight = BinaryPrimitives.ReadUInt16BigEndian(data[(rd + 2)..]);
                var port = BinaryPrimitives.ReadUInt16BigEndian(data[(rd + 4)..]);
                rd += 6;
                if (!TryReadName(data, ref rd, out var srvTarget, out error, rdEnd))
                    return Fail(out error, $"SRV target: {error}");
                record = new SrvRecord(name, ttl, priority, weight, port, srvTarget);
                break;
            case DnsRecordType.NAPTR:
                if (rdLength < 4)
                    return Fail(out error, $"NAPTR RDATA is {rdLength} bytes, at least 4 needed (RFC 3403 §4.1)");
                var order = BinaryPrimitives.ReadUInt16BigEndian(data[rd..]);
                var preference = BinaryPrimitives.ReadUInt16BigEndian(data[(rd + 2)..]);
                rd += 4;
                if (!TryReadCharacterString(data, ref rd, rdEnd, out var flags, out error)
                    || !TryReadCharacterString(data, ref rd, rdEnd, out var services, out error)
                    || !TryReadCharacterString(data, ref rd, rdEnd, out var regexp, out error))
                    return Fail(out error, $"NAPTR: {error}");
                if (!TryReadName(data, ref rd, out var replacement, out error, rdEnd))
                    return Fail(out error, $"NAPTR replacement: {error}");
                record = new NaptrRecord(name, ttl, order, preference, flags, services, regexp, replacement);
                break;
            case DnsRecordType.SOA:
                if (!TryReadName(data, ref rd, out var mname, out error, rdEnd) || !TryReadName(data, ref rd, out var rname, out error, rdEnd))
                    return Fail(out error, $"SOA: {error}");
                if (rd + 20 > rdEnd)
                    return Fail(out error, "SOA counters run past the RDATA");
                record = new SoaRecord(name, ttl, mname, rname,
                    BinaryPrimitives.ReadUInt32BigEndian(data[rd..]), BinaryPrimitives.ReadUInt32BigEndian(data[(rd + 4)..]),
                    BinaryPrimitives.ReadUInt32BigEndian(data[(rd + 8)..]), BinaryPrimitives.ReadUInt32BigEndian(data[(rd + 12)..]),
                    BinaryPrimitives.ReadUInt32BigEndian(data[(rd + 16)..]));
                rd += 20;
                break;
            default:
                record = new UnknownRecord(name, type, cls, ttl, data[rdStart..rdEnd].ToArray());
                return true;
        }
        if (rd != rdEnd)
            return Fail(out error, $"{type} RDATA has {rdEnd - rd} unexpected trailing bytes");
        error = null;
        return true;
    }

    private static bool TryReadCharacterString(ReadOnlySpan<byte> data, ref int pos, int end, out string value, [NotNullWhen(false)] out string? error)
    {
        value = "";
        if (pos >= end)
            return Fail(out error, "character-string runs past the RDATA");
        int length = data[pos];
        if (pos + 1 + length > end)
            return Fail(out error, "character-string runs past the RDATA");
        // NAPTR fields are ASCII in practice; Latin-1 maps every byte to one char so nothing is lost.
        value = Encoding.Latin1.GetString(data.Slice(pos + 1, length));
        pos += 1 + length;
        error = null;
        return true;
    }

    /// <summary>
    /// Reads a possibly compressed name starting at <paramref name="pos"/> and advances past it (past the first
    /// pointer if any). <paramref name="limit"/> bounds the uncompressed part, e.g. to the RDATA.
    /// </summary>
    internal static bool TryReadName(ReadOnlySpan<byte> data, ref int pos, out string name, [NotNullWhen(false)] out string? error, int limit = -1)
    {
        name = "";
        if (limit < 0)
            limit = data.Length;
        var builder = new StringBuilder();
        var cursor = pos;
        var segmentStart = pos;
        var resume = -1;
        var hops = 0;
        var wireLength = 1;
        var end = limit;
        while (true)
        {
            if (cursor >= end)
                return Fail(out error, $"name runs past the end at offset {cursor}");
            int length = data[cursor];
            switch (length & 0xC0)
            {
                case 0x00:
                    if (length == 0)
                    {
                        pos = resume >= 0 ? resume : cursor + 1;
                        name = builder.ToString();
                        error = null;
                        return true;
                    }
                    if (cursor + 1 + length > end)
                        return Fail(out error, $"label runs past the end at offset {cursor}");
                    wireLength += length + 1;
                    if (wireLength > DnsName.MaxWireLength)
                        return Fail(out error, $"name longer than {DnsName.MaxWireLength} octets");
                    DnsName.AppendLabel(builder, data.Slice(cursor + 1, length));
                    cursor += 1 + length;
                    break;
                case 0xC0:
                    if (cursor + 1 >= end)
                        return Fail(out error, $"compression pointer runs past the end at offset {cursor}");
                    var target = ((length & 0x3F) << 8) | data[cursor + 1];
                    if (target >= segmentStart)
                        return Fail(out error, $"compression pointer at offset {cursor} to {target} does not point backwards (pointer loop)");
                    if (++hops > MaxPointerHops)
                        return Fail(out error, "too many compression pointers (pointer loop)");
                    if (resume < 0)
                        resume = cursor + 2;
                    cursor = target;
                    segmentStart = target;
                    // After a jump the name may live anywhere earlier in the message, not just inside the RDATA.
                    end = data.Length;
                    break;
                default:
                    return Fail(out error, $"unsupported label type 0x{length & 0xC0:X2} at offset {cursor} (RFC 6891 §5)");
            }
        }
    }

    private static bool Fail(out string error, string reason)
    {
        error = reason;
        return false;
    }
}
