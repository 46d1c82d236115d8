using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// Encodes DNS messages (RFC 1035 §4). Name compression (§4.1.4) is optional; when on, it is applied to owner names
/// and to the names inside CNAME and SOA only: RFC 3597 §4 forbids compressing names in other RDATA, and RFC 2782 /
/// RFC 3403 say so for SRV targets and NAPTR replacements. Invalid content (a label over 63 octets, a string over
/// 255) is a programming error and throws <see cref="ArgumentException"/> with the reason.
/// </summary>
public static class DnsMessageWriter
{
    /// <summary>Offsets above this cannot be the target of a 14-bit compression pointer.</summary>
    private const int MaxPointerOffset = 0x3FFF;

    public static byte[] Write(DnsMessage message, bool compress = true)
    {
        var writer = new Writer(compress);
        var h = message.Header;
        writer.U16(h.Id);
        writer.U16(h.EncodeFlags());
        writer.U16(CheckedCount(message.Questions.Count, "question"));
        writer.U16(CheckedCount(message.Answers.Count, "answer"));
        writer.U16(CheckedCount(message.Authorities.Count, "authority"));
        writer.U16(CheckedCount(message.Additionals.Count, "additional"));
        foreach (var q in message.Questions)
        {
            writer.Name(q.Name, compressible: true);
            writer.U16((ushort)q.Type);
            writer.U16((ushort)q.Class);
        }
        foreach (var r in message.Answers)
            WriteRecord(writer, r);
        foreach (var r in message.Authorities)
            WriteRecord(writer, r);
        foreach (var r in message.Additionals)
            WriteRecord(writer, r);
        return writer.ToArray();
    }

    private static ushort CheckedCount(int count, string section) =>
        count <= ushort.MaxValue ? (ushort)count : throw new ArgumentException($"too many {section} entries: {count}");

    private static void WriteRecord(Writer writer, DnsRecord record)
    {
        writer.Name(record.Name, compressible: true);
        writer.U16((ushort)record.Type);
        writer.U16((ushort)record.Class);
        writer.U32(record.Ttl);
        var lengthAt = writer.Reserve16();
        var start = writer.Length;
        switch (record)
        {
            case ARecord a:
                writer.Bytes(a.Address.GetAddressBytes());
                break;
            case AaaaRecord aaaa:
                writer.Bytes(aaaa.Address.GetAddressBytes());
                break;
            case CnameRecord cname:
                writer.Name(cname.Target, compressible: true);
                break;
            case SrvRecord srv:
                writer.U16(srv.Priority);
                writer.U16(srv.Weight);
                writer.U16(srv.Port);
                writer.Name(srv.Target, compressible: false);
                break;
            case NaptrRecord naptr:
                writer.U16(naptr.Order);
                writer.U16(naptr.Preference);
                writer.CharacterString(naptr.Flags);
                writer.CharacterString(naptr.Services);
                writer.CharacterString(naptr.Regexp);
                writer.Name(naptr.Replacement, compressible: false);
                break;
            case SoaRecord soa:
                writer.Name(soa.PrimaryServer, compressible: true);
                writer.Name(soa.ResponsibleMailbox, compressible: true);
                writer.U32(soa.Serial);
                writer.U32(soa.Refresh);
                writer.U32(soa.Retry);
                writer.U32(soa.Expire);
                writer.U32(soa.Minimum);
                break;
            case OptRecord opt:
                writer.Bytes(opt.Options);
                break;
            case UnknownRecord unknown:
                writer.Bytes(unknown.Data);
                break;
            default:
                throw new ArgumentException($"no encoder for record type {record.GetType().Name}");
        }
        var rdLength = writer.Length - start;
        if (rdLength > ushort.MaxValue)
            throw new ArgumentException($"RDATA of {record.Type} record '{record.Name}' is {rdLength} bytes, over 65535");
        writer.Patch16(lengthAt, (ushort)rdLength);
    }

    private sealed class Writer(bool compress)
    {
        private byte[] buffer = new byte[512];
        private readonly Dictionary<string, int> suffixes = new(StringComparer.OrdinalIgnoreCase);

        public int Length { get; private set; }

        public void U16(ushort value)
        {
            Ensure(2);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(Length), value);
            Length += 2;
        }

        public void U32(uint value)
        {
            Ensure(4);
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(Length), value);
            Length += 4;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Ensure(value.Length);
            value.CopyTo(buffer.AsSpan(Length));
            Length += value.Length;
        }

        public int Reserve16()
        {
            var at = Length;
            U16(0);
            return at;
        }

        public void Patch16(int at, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), value);

        public void CharacterString(string value)
        {
            var bytes = Encoding.Latin1.GetBytes(value);
            if (bytes.Length > 255)
                throw new ArgumentException($"character-string longer than 255 bytes: '{value}'");
            Ensure(1 + bytes.Length);
            buffer[Length++] = (byte)bytes.Length;
            Bytes(bytes);
        }

        public void Name(string name, bool compressible)
        {
            if (!DnsName.TryGetLabels(name, out var labels, out var error))
                throw new ArgumentException($"invalid domain name: {error}", nameof(name));
            for (var i = 0; i < labels.Count; i++)
            {
                var suffix = compress ? SuffixKey(labels, i) : null;
                if (suffix is not null && compressible && suffixes.TryGetValue(suffix, out var offset))
                {
                    U16((ushort)(0xC000 | offset));
                    return;
                }
                // Suffixes are remembered even when this name may not be compressed: later names may point here.
                if (suffix is not null && Length <= MaxPointerOffset)
                    suffixes.TryAdd(suffix, Length);
                Ensure(1 + labels[i].Length);
                buffer[Length++] = (byte)labels[i].Length;
                Bytes(labels[i]);
            }
            Ensure(1);
            buffer[Length++] = 0;
        }

        public byte[] ToArray() => buffer.AsSpan(0, Length).ToArray();

        private static string SuffixKey(List<byte[]> labels, int from)
        {
            var builder = new StringBuilder();
            for (var i = from; i < labels.Count; i++)
                DnsName.AppendLabel(builder, labels[i]);
            return builder.ToString();
        }

        private void Ensure(int extra)
        {
            if (Length + extra <= buffer.Length)
                return;
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + extra));
        }
    }
}
