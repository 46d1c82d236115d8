using System.Net;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Stun;

/// <summary>Every attribute the writer can produce is read back by the decoder to the same value.</summary>
public sealed class StunAttributeRoundTripTests
{
    private static readonly byte[] TransactionId = Hex.Bytes("00 01 02 03 04 05 06 07 08 09 0a 0b");

    private delegate void Write(ref StunMessageWriter writer);

    private static byte[] Build(Write write, StunMethod method = StunMethod.Allocate, StunClass messageClass = StunClass.Request)
    {
        var buffer = new byte[1024];
        var writer = new StunMessageWriter(buffer, method, messageClass, TransactionId);
        write(ref writer);
        return writer.Written.ToArray();
    }

    private static ReadOnlySpan<byte> Attribute(byte[] bytes, StunAttributeType type)
    {
        Assert.True(StunMessage.TryParse(bytes, out var message, out var error), error.ToString());
        Assert.True(message.TryGetAttribute(type, out var value), $"{type} missing");
        return value;
    }

    [Theory]
    [InlineData("203.0.113.7", 1)]
    [InlineData("2001:db8::1", 65535)]
    [InlineData("::", 3478)]
    public void Xor_address_attributes_round_trip(string ip, int port)
    {
        foreach (var type in new[] { StunAttributeType.XorMappedAddress, StunAttributeType.XorPeerAddress, StunAttributeType.XorRelayedAddress })
        {
            var bytes = Build((ref StunMessageWriter w) => w.AddXorAddress(type, IPAddress.Parse(ip), port));
            Assert.True(StunMessage.TryParse(bytes, out var message));
            Assert.True(message.TryGetAttribute(type, out var value));
            Assert.True(StunAttributeDecoder.TryReadXorAddress(value, message.CookieAndTransactionId, out var endPoint));
            Assert.Equal(new IPEndPoint(IPAddress.Parse(ip), port), endPoint);
        }
    }

    [Fact]
    public void Plain_address_attributes_round_trip_and_ipv4_mapped_is_written_as_ipv4()
    {
        var bytes = Build((ref StunMessageWriter w) =>
        {
            w.AddAddress(StunAttributeType.MappedAddress, IPAddress.Parse("::ffff:192.0.2.9"), 9);
            w.AddAddress(StunAttributeType.AlternateServer, IPAddress.Parse("2001:db8::5"), 3478);
        });
        Assert.True(StunAttributeDecoder.TryReadAddress(Attribute(bytes, StunAttributeType.MappedAddress), out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.9"), 9), mapped);
        Assert.True(StunAttributeDecoder.TryReadAddress(Attribute(bytes, StunAttributeType.AlternateServer), out var alternate));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::5"), 3478), alternate);
    }

    [Theory]
    [InlineData(StunAttributeType.Username, "alice@example.com")]
    [InlineData(StunAttributeType.Realm, "example.org")]
    [InlineData(StunAttributeType.Nonce, "obMatJos2gAAAabc")]
    [InlineData(StunAttributeType.Software, "uc-turn 0.1 \u00e9")]
    public void Text_attributes_round_trip(StunAttributeType type, string text)
    {
        var bytes = Build((ref StunMessageWriter w) => w.AddText(type, text));
        Assert.True(StunAttributeDecoder.TryReadText(Attribute(bytes, type), out var read));
        Assert.Equal(text, read);
    }

    [Fact]
    public void Text_decoder_rejects_invalid_utf8_and_overlong_values()
    {
        Assert.False(StunAttributeDecoder.TryReadText(Hex.Bytes("c3 28"), out _));
        Assert.False(StunAttributeDecoder.TryReadText(new byte[764], out _));
    }

    [Theory]
    [InlineData(300, "Try Alternate")]
    [InlineData(420, "Unknown Attribute")]
    [InlineData(438, "Stale Nonce")]
    [InlineData(508, "Insufficient Capacity")]
    [InlineData(699, "")]
    public void Error_code_round_trips_class_number_and_reason(int code, string reason)
    {
        var bytes = Build((ref StunMessageWriter w) => w.AddErrorCode(code, reason), messageClass: StunClass.ErrorResponse);
        var value = Attribute(bytes, StunAttributeType.ErrorCode);
        Assert.Equal(code / 100, value[2]);
        Assert.Equal(code % 100, value[3]);
        Assert.True(StunAttributeDecoder.TryReadErrorCode(value, out var read, out var readReason));
        Assert.Equal(code, read);
        Assert.Equal(reason, System.Text.Encoding.UTF8.GetString(readReason));
    }

    [Fact]
    public void Error_code_outside_300_to_699_is_refused_by_writer_and_reader()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Build((ref StunMessageWriter w) => w.AddErrorCode(200)));
        Assert.False(StunAttributeDecoder.TryReadErrorCode(Hex.Bytes("00 00 02 00"), out _, out _));
        Assert.False(StunAttributeDecoder.TryReadErrorCode(Hex.Bytes("00 00 04 64"), out _, out _));
    }

    [Fact]
    public void Unknown_attributes_list_round_trips()
    {
        ushort[] types = [0x0031, 0x7ABC, 0x0002];
        var bytes = Build((ref StunMessageWriter w) => w.AddUnknownAttributes(types), messageClass: StunClass.ErrorResponse);
        Span<ushort> read = stackalloc ushort[8];
        Assert.True(StunAttributeDecoder.TryReadUnknownAttributes(Attribute(bytes, StunAttributeType.UnknownAttributes), read, out var count));
        Assert.Equal(types, read[..count].ToArray());
    }

    [Fact]
    public void Turn_scalar_attributes_round_trip()
    {
        var bytes = Build((ref StunMessageWriter w) =>
        {
            w.AddChannelNumber(0x4ABC);
            w.AddLifetime(600);
            w.AddRequestedTransport(17);
            w.AddEvenPort(true);
            w.AddDontFragment();
            w.AddReservationToken(0x0102030405060708);
            w.AddAddressFamily(StunAttributeType.RequestedAddressFamily, StunAddressFamily.IPv6);
            w.AddAddressFamily(StunAttributeType.AdditionalAddressFamily, StunAddressFamily.IPv6);
            w.AddConnectionId(0xDEADBEEF);
            w.AddIcmp(3, 13, 0x11223344);
            w.AddData([1, 2, 3, 4, 5]);
        });

        Assert.True(StunAttributeDecoder.TryReadChannelNumber(Attribute(bytes, StunAttributeType.ChannelNumber), out var channel));
        Assert.Equal(0x4ABC, channel);
        Assert.True(StunAttributeDecoder.TryReadUInt32(Attribute(bytes, StunAttributeType.Lifetime), out var lifetime));
        Assert.Equal(600u, lifetime);
        Assert.True(StunAttributeDecoder.TryReadRequestedTransport(Attribute(bytes, StunAttributeType.RequestedTransport), out var protocol));
        Assert.Equal(17, protocol);
        Assert.True(StunAttributeDecoder.TryReadEvenPort(Attribute(bytes, StunAttributeType.EvenPort), out var reserve));
        Assert.True(reserve);
        Assert.Equal(0, Attribute(bytes, StunAttributeType.DontFragment).Length);
        Assert.True(StunAttributeDecoder.TryReadReservationToken(Attribute(bytes, StunAttributeType.ReservationToken), out var token));
        Assert.Equal(0x0102030405060708ul, token);
        Assert.True(StunAttributeDecoder.TryReadAddressFamily(Attribute(bytes, StunAttributeType.RequestedAddressFamily), out var family));
        Assert.Equal(StunAddressFamily.IPv6, family);
        Assert.True(StunAttributeDecoder.TryReadAddressFamily(Attribute(bytes, StunAttributeType.AdditionalAddressFamily), out var additional));
        Assert.Equal(StunAddressFamily.IPv6, additional);
        Assert.True(StunAttributeDecoder.TryReadUInt32(Attribute(bytes, StunAttributeType.ConnectionId), out var connectionId));
        Assert.Equal(0xDEADBEEFu, connectionId);
        Assert.True(StunAttributeDecoder.TryReadIcmp(Attribute(bytes, StunAttributeType.Icmp), out var icmpType, out var icmpCode, out var errorData));
        Assert.Equal((3, 13, 0x11223344u), (icmpType, icmpCode, errorData));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, Attribute(bytes, StunAttributeType.Data).ToArray());
    }

    [Fact]
    public void Address_error_code_round_trips_family_and_code()
    {
        var bytes = Build((ref StunMessageWriter w) => w.AddAddressErrorCode(StunAddressFamily.IPv6, 440), messageClass: StunClass.ErrorResponse);
        Assert.True(StunAttributeDecoder.TryReadAddressErrorCode(Attribute(bytes, StunAttributeType.AddressErrorCode), out var family, out var code, out var reason));
        Assert.Equal((StunAddressFamily.IPv6, 440), (family, code));
        Assert.Equal("Address Family not Supported", System.Text.Encoding.UTF8.GetString(reason));
    }

    [Fact]
    public void Password_algorithms_userhash_and_password_algorithm_round_trip()
    {
        var hash = LongTermKey.UserHash("alice", "uc.local");
        // Independently: printf '%s' 'alice:uc.local' | openssl sha256
        Assert.Equal("40ed05dba10d7e925e26d1dd0a3630c0c702106993e7d501ae8c7d769f15aa58", Convert.ToHexStringLower(hash));
        var bytes = Build((ref StunMessageWriter w) =>
        {
            w.AddPasswordAlgorithms([StunPasswordAlgorithm.Sha256, StunPasswordAlgorithm.Md5]);
            w.AddPasswordAlgorithm(StunPasswordAlgorithm.Sha256);
            w.AddUserHash(hash);
        });
        Span<ushort> algorithms = stackalloc ushort[4];
        Assert.True(StunAttributeDecoder.TryReadPasswordAlgorithms(Attribute(bytes, StunAttributeType.PasswordAlgorithms), algorithms, out var count));
        Assert.Equal(new ushort[] { 2, 1 }, algorithms[..count].ToArray());
        Assert.True(StunAttributeDecoder.TryReadPasswordAlgorithm(Attribute(bytes, StunAttributeType.PasswordAlgorithm), out var chosen, out var parameters));
        Assert.Equal(2, chosen);
        Assert.Equal(0, parameters.Length);
        Assert.Equal(hash, Attribute(bytes, StunAttributeType.UserHash).ToArray());
    }

    [Fact]
    public void Writer_pads_every_attribute_to_four_bytes_and_keeps_the_length_field_current()
    {
        var bytes = Build((ref StunMessageWriter w) => w.AddData([9, 9, 9, 9, 9]));
        Assert.Equal(20 + 4 + 8, bytes.Length);
        Assert.Equal(12, (bytes[2] << 8) | bytes[3]);
        Assert.Equal(new byte[] { 0, 0, 0 }, bytes[29..]);
    }

    [Fact]
    public void Writer_into_a_buffer_writer_commits_exactly_the_message()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new StunMessageWriter(output, StunMethod.Binding, StunClass.Request, TransactionId);
        writer.AddText(StunAttributeType.Software, "x");
        writer.AddFingerprint();
        var length = writer.Complete();
        Assert.Equal(length, output.WrittenCount);
        Assert.True(StunMessage.TryParse(output.WrittenSpan, out var message));
        Assert.True(message.VerifyFingerprint());
    }
}
