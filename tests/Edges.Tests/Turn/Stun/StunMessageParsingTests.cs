using System.Buffers.Binary;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Stun;

public sealed class StunMessageParsingTests
{
    private static readonly byte[] TransactionId = Hex.Bytes("00 01 02 03 04 05 06 07 08 09 0a 0b");

    [Theory]
    [InlineData(StunMethod.Binding, StunClass.Request, 0x0001)]
    [InlineData(StunMethod.Binding, StunClass.Indication, 0x0011)]
    [InlineData(StunMethod.Binding, StunClass.SuccessResponse, 0x0101)]
    [InlineData(StunMethod.Binding, StunClass.ErrorResponse, 0x0111)]
    [InlineData(StunMethod.Allocate, StunClass.Request, 0x0003)]
    [InlineData(StunMethod.Allocate, StunClass.ErrorResponse, 0x0113)]
    [InlineData(StunMethod.Send, StunClass.Indication, 0x0016)]
    [InlineData(StunMethod.Data, StunClass.Indication, 0x0017)]
    [InlineData(StunMethod.ChannelBind, StunClass.SuccessResponse, 0x0109)]
    [InlineData((StunMethod)0xFFF, StunClass.ErrorResponse, 0x3FFF)]
    public void Message_type_interleaves_class_bits_between_method_bits(StunMethod method, StunClass messageClass, int type)
    {
        Assert.Equal(type, StunMessageType.Encode(method, messageClass));
        Assert.Equal((ushort)method, StunMessageType.DecodeMethod((ushort)type));
        Assert.Equal(messageClass, StunMessageType.DecodeClass((ushort)type));
    }

    [Fact]
    public void Method_beyond_twelve_bits_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StunMessageType.Encode((ushort)0x1000, StunClass.Request));
    }

    [Fact]
    public void Fingerprint_matches_an_independently_computed_crc32()
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.Request, TransactionId);
        writer.AddText(StunAttributeType.Username, "alice");
        writer.AddFingerprint();
        // python3: zlib.crc32(header with length 0x14 + USERNAME) = 0x012d750a; xor 0x5354554e.
        Assert.Equal(0x52792044u, BinaryPrimitives.ReadUInt32BigEndian(writer.Written[^4..]));
        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Message_integrity_sha256_matches_openssl_and_verifies()
    {
        var key = "secret-key"u8.ToArray();
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.Request, TransactionId);
        writer.AddText(StunAttributeType.Username, "alice");
        writer.AddMessageIntegritySha256(key);
        writer.AddFingerprint();
        // printf '\x00\x01\x00\x30\x21\x12\xa4\x42' + id + USERNAME | openssl dgst -sha256 -hmac secret-key
        // (length field adjusted to end after MESSAGE-INTEGRITY-SHA256, RFC 8489 §14.6, FINGERPRINT excluded)
        Assert.Equal("035f6c6229c25f4322abc6ef7b50960fafa0d67a128fbef60901af05c2fc788f", Convert.ToHexStringLower(writer.Written.Slice(36, 32)));

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.VerifyMessageIntegritySha256(key));
        Assert.False(message.VerifyMessageIntegritySha256("other-key"u8));
        Assert.False(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Truncated_sha256_integrity_verifies_and_bad_truncation_is_refused()
    {
        var key = "k"u8.ToArray();
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMethod.Refresh, StunClass.Request, TransactionId);
        writer.AddLifetime(0);
        writer.AddMessageIntegritySha256(key, truncateTo: 16);
        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.VerifyMessageIntegritySha256(key));
        var again = new StunMessageWriter(new byte[128], StunMethod.Refresh, StunClass.Request, TransactionId);
        try
        {
            again.AddMessageIntegritySha256(key, truncateTo: 18);
            Assert.Fail("A truncation to 18 bytes was accepted; RFC 8489 §14.6 needs 16..32 in steps of 4.");
        }
        catch (ArgumentOutOfRangeException)
        {
        }
    }

    [Fact]
    public void Integrity_and_sha256_integrity_together_both_verify()
    {
        var key = "k"u8.ToArray();
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.Request, TransactionId);
        writer.AddRequestedTransport(17);
        writer.AddMessageIntegrity(key);
        writer.AddMessageIntegritySha256(key);
        writer.AddFingerprint();
        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyMessageIntegritySha256(key));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Attributes_after_message_integrity_are_ignored_but_integrity_still_verifies()
    {
        var key = "k"u8.ToArray();
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.Request, TransactionId);
        writer.AddLifetime(60);
        writer.AddMessageIntegrity(key);
        writer.AddData([1, 2, 3, 4]); // an attacker appends DATA after the integrity-protected part
        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.False(message.HasAttribute(StunAttributeType.Data));
        Assert.True(message.HasAttribute(StunAttributeType.Lifetime));
        Assert.True(message.VerifyMessageIntegrity(key));
    }

    [Fact]
    public void Unknown_comprehension_required_attributes_are_collected_once_and_optional_ones_ignored()
    {
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.Request, TransactionId);
        writer.AddAttribute(0x0031, [1]);
        writer.AddAttribute(0x8031, [1]);
        writer.AddAttribute(0x7FFF, []);
        writer.AddAttribute(0x0031, [2]);
        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Span<ushort> unknown = stackalloc ushort[4];
        var count = message.CollectUnknownComprehensionRequired(unknown);
        Assert.Equal(new ushort[] { 0x0031, 0x7FFF }, unknown[..count].ToArray());
    }

    public static TheoryData<string, StunParseError> Malformed => new()
    {
        { "00 01 00 00 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a", StunParseError.TooShort },
        { "80 01 00 00 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b", StunParseError.NotStun },
        { "40 01 00 00 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b", StunParseError.NotStun },
        { "00 01 00 02 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b 00 00", StunParseError.LengthNotMultipleOfFour },
        { "00 01 00 04 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b", StunParseError.LengthMismatch },
        { "00 01 00 00 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b 00", StunParseError.LengthMismatch },
        { "00 01 00 08 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b 80 22 00 05 41 41 41 41", StunParseError.AttributeOverrun },
        { "00 01 00 08 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b 80 28 00 02 00 00 00 00", StunParseError.BadIntegrityLength },
        { "00 01 00 10 21 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b 80 28 00 04 00 00 00 00 80 22 00 00 00 00 00 00", StunParseError.FingerprintNotLast },
        { "00 01 00 00 11 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b", StunParseError.BadMagicCookie },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_messages_are_refused_with_the_reason(string dump, StunParseError expected)
    {
        Assert.False(StunMessage.TryParse(Hex.Bytes(dump), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Rfc3489_message_without_cookie_parses_only_when_allowed()
    {
        var bytes = Hex.Bytes("00 01 00 00 11 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b");
        Assert.True(StunMessage.TryParse(bytes, out var message, allowRfc3489: true));
        Assert.False(message.HasMagicCookie);
        Assert.Equal(Hex.Bytes("11 12 a4 42 00 01 02 03 04 05 06 07 08 09 0a 0b"), message.CookieAndTransactionId.ToArray());
    }

    [Fact]
    public void Tampered_message_fails_integrity_and_fingerprint()
    {
        var bytes = (byte[])Rfc5769.SampleRequest.Clone();
        bytes[30] ^= 0x01; // inside SOFTWARE
        Assert.True(StunMessage.TryParse(bytes, out var message));
        Assert.False(message.VerifyMessageIntegrity(System.Text.Encoding.UTF8.GetBytes(Rfc5769.ShortTermPassword)));
        Assert.False(message.VerifyFingerprint());
    }
}
