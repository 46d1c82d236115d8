using System.Buffers.Binary;
using System.Net;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Tests.Dns.Codec;

public sealed class DnsMessageCodecTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_record_type_survives_a_round_trip(bool compress)
    {
        var original = SampleMessages.AllTypes();

        var bytes = DnsMessageWriter.Write(original, compress);
        Assert.True(DnsMessageReader.TryRead(bytes, out var read, out var error), error);

        Assert.Equal(original.Header, read.Header);
        Assert.Equal(original.Questions, read.Questions);
        Assert.Equal(original.Answers, read.Answers);
        Assert.Equal(original.Authorities, read.Authorities);
        Assert.Equal(original.Additionals, read.Additionals);
    }

    [Fact]
    public void Compression_shrinks_repeated_names_and_reads_back_the_same()
    {
        var message = SampleMessages.AllTypes();

        var compressed = DnsMessageWriter.Write(message, compress: true);
        var plain = DnsMessageWriter.Write(message, compress: false);

        Assert.True(compressed.Length < plain.Length - 50, $"compressed {compressed.Length} bytes vs plain {plain.Length}");
        Assert.True(DnsMessageReader.TryRead(compressed, out var a, out _));
        Assert.True(DnsMessageReader.TryRead(plain, out var b, out _));
        Assert.Equal(a.Answers, b.Answers);
    }

    [Fact]
    public void Srv_targets_and_naptr_replacements_are_never_compressed()
    {
        // RFC 2782 / RFC 3597 §4: the SRV target is written in full even though its suffix was seen before.
        var message = new DnsMessage
        {
            Header = new DnsHeader(1, IsResponse: true),
            Questions = [new DnsQuestion("_sip._udp.example.com", DnsRecordType.SRV)],
            Answers = [new SrvRecord("_sip._udp.example.com", 60, 1, 1, 5060, "example.com")],
        };

        var bytes = DnsMessageWriter.Write(message, compress: true);

        var full = new byte[] { 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0 };
        Assert.True(bytes.AsSpan()[^full.Length..].SequenceEqual(full), "SRV target must end the message uncompressed");
    }

    [Fact]
    public void Query_carries_an_edns0_opt_record_with_the_payload_size()
    {
        var query = DnsMessage.CreateQuery(0x1234, new DnsQuestion("example.com", DnsRecordType.A), 1232);

        var bytes = DnsMessageWriter.Write(query);

        Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(bytes));
        Assert.Equal(0x0100, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2))); // RD only
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(10))); // ARCOUNT
        Assert.True(DnsMessageReader.TryRead(bytes, out var read, out _));
        Assert.Equal(1232, read.Opt!.UdpPayloadSize);
    }

    [Fact]
    public void Extended_rcode_from_opt_combines_with_the_header_bits()
    {
        // RFC 6891 §9: BADVERS = 16 is extended RCODE 1 with header RCODE 0.
        var message = new DnsMessage
        {
            Header = new DnsHeader(7, IsResponse: true),
            Additionals = [new OptRecord(512, extendedRcode: 1)],
        };

        Assert.True(DnsMessageReader.TryRead(DnsMessageWriter.Write(message), out var read, out _));
        Assert.Equal(DnsResponseCode.BadVersion, read.ResponseCode);
    }

    [Fact]
    public void Nxdomain_rcode_is_read_from_the_header()
    {
        var message = new DnsMessage { Header = new DnsHeader(7, IsResponse: true, ResponseCode: 3) };

        Assert.True(DnsMessageReader.TryRead(DnsMessageWriter.Write(message), out var read, out _));
        Assert.Equal(DnsResponseCode.NameError, read.ResponseCode);
    }

    [Fact]
    public void Ttl_with_the_top_bit_set_reads_as_zero()
    {
        var bytes = DnsMessageWriter.Write(new DnsMessage
        {
            Header = new DnsHeader(1, IsResponse: true),
            Answers = [new ARecord("a.test", 0x8000_0001, IPAddress.Parse("192.0.2.1"))],
        });

        Assert.True(DnsMessageReader.TryRead(bytes, out var read, out _));
        Assert.Equal(0u, read.Answers[0].Ttl); // RFC 2181 §8
    }

    [Fact]
    public void Unknown_types_are_kept_raw_and_rewritten_unchanged()
    {
        var raw = new byte[] { 0, 10, 4, (byte)'m', (byte)'a', (byte)'i', (byte)'l', 0 };
        var message = new DnsMessage
        {
            Header = new DnsHeader(9, IsResponse: true),
            Answers = [new UnknownRecord("mx.test", DnsRecordType.MX, DnsClass.Internet, 60, raw)],
        };

        var bytes = DnsMessageWriter.Write(message);
        Assert.True(DnsMessageReader.TryRead(bytes, out var read, out _));

        var unknown = Assert.IsType<UnknownRecord>(read.Answers[0]);
        Assert.Equal(DnsRecordType.MX, unknown.Type);
        Assert.Equal(raw, unknown.Data);
        Assert.Equal(bytes, DnsMessageWriter.Write(read));
    }

    [Fact]
    public void Hand_encoded_answer_with_compression_pointer_is_decoded()
    {
        // id 0xABCD, QR RD RA, 1 question, 1 answer; the answer owner is a pointer to the question name at 12.
        byte[] wire =
        [
            0xAB, 0xCD, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
            3, (byte)'s', (byte)'i', (byte)'p', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0, 0, 1, 0, 1,
            0xC0, 12, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 192, 0, 2, 7,
        ];

        Assert.True(DnsMessageReader.TryRead(wire, out var message, out var error), error);

        Assert.Equal(0xABCD, message.Header.Id);
        Assert.True(message.Header.IsResponse);
        var a = Assert.IsType<ARecord>(Assert.Single(message.Answers));
        Assert.Equal("sip.test", a.Name);
        Assert.Equal(3600u, a.Ttl);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), a.Address);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 12 }, "pointer to itself")]
    [InlineData(new byte[] { 0xC0, 14 }, "forward pointer")]
    public void Compression_pointer_that_is_not_strictly_backwards_is_rejected(byte[] ownerName, string why)
    {
        byte[] head = [0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0];
        byte[] tail = [0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4];

        var ok = DnsMessageReader.TryRead([.. head, .. ownerName, .. tail], out _, out var error);

        Assert.False(ok, why);
        Assert.Contains("pointer", error);
    }

    [Fact]
    public void Two_pointers_pointing_at_each_other_are_rejected()
    {
        // Question name at 12 is "a" then a pointer to 17, which points back to 12: a two-pointer loop.
        byte[] wire = [0, 1, 0x81, 0x80, 0, 2, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0xC0, 17, 0, 0xC0, 12, 0, 1, 0, 1];

        Assert.False(DnsMessageReader.TryRead(wire, out _, out var error));
        Assert.Contains("pointer", error);
    }

    [Fact]
    public void Name_longer_than_255_octets_is_rejected()
    {
        var wire = new List<byte> { 0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0 };
        for (var i = 0; i < 5; i++)
        {
            wire.Add(63);
            wire.AddRange(Enumerable.Repeat((byte)'x', 63));
        }
        wire.AddRange([0, 0, 1, 0, 1]);

        Assert.False(DnsMessageReader.TryRead(wire.ToArray(), out _, out var error));
        Assert.Contains("255", error);
    }

    [Fact]
    public void Extended_label_types_are_rejected_with_a_reason()
    {
        byte[] wire = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 1, 0, 1];

        Assert.False(DnsMessageReader.TryRead(wire, out _, out var error));
        Assert.Contains("label type", error);
    }

    [Fact]
    public void A_record_with_wrong_rdata_length_is_rejected()
    {
        byte[] wire = [0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, 1, (byte)'a', 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 1, 2, 3];

        Assert.False(DnsMessageReader.TryRead(wire, out _, out var error));
        Assert.Contains("expected 4", error);
    }

    [Fact]
    public void Second_opt_record_is_a_format_error()
    {
        var bytes = DnsMessageWriter.Write(new DnsMessage
        {
            Header = new DnsHeader(1, IsResponse: true),
            Additionals = [new OptRecord(1232), new OptRecord(1232)],
        });

        Assert.False(DnsMessageReader.TryRead(bytes, out _, out var error));
        Assert.Contains("OPT", error);
    }

    [Fact]
    public void Truncated_answer_keeps_the_question_even_if_records_are_cut()
    {
        var full = DnsMessageWriter.Write(SampleMessages.AllTypes() with
        {
            Header = SampleMessages.AllTypes().Header with { Truncated = true },
        });

        Assert.True(DnsMessageReader.TryRead(full.AsSpan(0, full.Length - 20), out var read, out var error), error);
        Assert.True(read.Header.Truncated);
        Assert.Equal("example.com", read.Questions[0].Name);
    }

    [Fact]
    public void Writer_rejects_a_label_longer_than_63_octets_with_the_reason()
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader(1),
            Questions = [new DnsQuestion(new string('a', 64) + ".test", DnsRecordType.A)],
        };

        var e = Assert.Throws<ArgumentException>(() => DnsMessageWriter.Write(message));
        Assert.Contains("63", e.Message);
    }

    [Fact]
    public void Escaped_bytes_in_labels_round_trip()
    {
        const string name = "a\\.b\\032c\\\\.test";
        var message = new DnsMessage { Header = new DnsHeader(1), Questions = [new DnsQuestion(name, DnsRecordType.A)] };

        var bytes = DnsMessageWriter.Write(message);
        Assert.True(DnsMessageReader.TryRead(bytes, out var read, out _));

        Assert.Equal(name, read.Questions[0].Name);
        Assert.Equal(6, bytes[12]); // first label is the 6 octets a . b space c backslash
    }
}
