using System.Net;
using System.Text;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Stun;

public sealed class Rfc5769VectorTests
{
    private static readonly byte[] ShortTermKey = Encoding.UTF8.GetBytes(Rfc5769.ShortTermPassword);

    [Fact]
    public void Sample_request_parses_and_its_integrity_and_fingerprint_verify()
    {
        Assert.True(StunMessage.TryParse(Rfc5769.SampleRequest, out var message, out var error), error.ToString());
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(StunClass.Request, message.Class);
        Assert.True(message.HasMagicCookie);
        Assert.Equal(Rfc5769.TransactionId, message.TransactionId.ToArray());
        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out var software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetAttribute(StunAttributeType.Username, out var username));
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(username));
        Assert.True(message.TryGetAttribute(StunAttributeType.Priority, out var priority));
        Assert.True(StunAttributeDecoder.TryReadUInt32(priority, out var priorityValue));
        Assert.Equal(0x6e0001ffu, priorityValue);
        Assert.True(message.VerifyMessageIntegrity(ShortTermKey));
        Assert.False(message.VerifyMessageIntegrity("wrong"u8));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Sample_ipv4_response_yields_192_0_2_1_port_32853()
    {
        Assert.True(StunMessage.TryParse(Rfc5769.SampleIpv4Response, out var message));
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var value));
        Assert.True(StunAttributeDecoder.TryReadXorAddress(value, message.CookieAndTransactionId, out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), endPoint);
        Assert.True(message.VerifyMessageIntegrity(ShortTermKey));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Sample_ipv6_response_yields_the_documented_ipv6_address()
    {
        Assert.True(StunMessage.TryParse(Rfc5769.SampleIpv6Response, out var message));
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var value));
        Assert.True(StunAttributeDecoder.TryReadXorAddress(value, message.CookieAndTransactionId, out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), endPoint);
        Assert.True(message.VerifyMessageIntegrity(ShortTermKey));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Long_term_request_verifies_with_md5_of_username_realm_password()
    {
        Assert.True(StunMessage.TryParse(Rfc5769.LongTermRequest, out var message));
        Assert.False(message.HasFingerprint);
        Assert.True(message.TryGetAttribute(StunAttributeType.Username, out var username));
        Assert.True(StunAttributeDecoder.TryReadText(username, out var usernameText));
        Assert.Equal(Rfc5769.LongTermUsername, usernameText);
        Assert.True(message.TryGetAttribute(StunAttributeType.Nonce, out var nonce));
        Assert.Equal(Rfc5769.LongTermNonce, Encoding.ASCII.GetString(nonce));
        Assert.True(message.TryGetAttribute(StunAttributeType.Realm, out var realm));
        Assert.Equal(Rfc5769.LongTermRealm, Encoding.ASCII.GetString(realm));

        var key = LongTermKey.Compute(Rfc5769.LongTermUsername, Rfc5769.LongTermRealm, Rfc5769.LongTermPassword);
        // Independently: printf '%s' 'マトリックス:example.org:TheMatrIX' | openssl md5
        Assert.Equal("e8ca7ad59d5eb0518e312911d2dab2a9", Convert.ToHexStringLower(key));
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.False(message.VerifyMessageIntegrity(LongTermKey.Compute(Rfc5769.LongTermUsername, Rfc5769.LongTermRealm, "thematrix")));
    }

    [Fact]
    public void Encoder_reproduces_the_sample_request_byte_for_byte()
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.Request, Rfc5769.TransactionId) { PaddingByte = 0x20 };
        writer.AddText(StunAttributeType.Software, "STUN test client");
        writer.AddUInt32(StunAttributeType.Priority, 0x6e0001ff);
        writer.AddAttribute(StunAttributeType.IceControlled, Hex.Bytes("93 2f f9 b1 51 26 3b 36"));
        writer.AddText(StunAttributeType.Username, "evtj:h6vY");
        writer.AddMessageIntegrity(ShortTermKey);
        writer.AddFingerprint();

        Assert.Equal(Convert.ToHexString(Rfc5769.SampleRequest), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Encoder_reproduces_both_sample_responses_byte_for_byte()
    {
        Assert.Equal(Convert.ToHexString(Rfc5769.SampleIpv4Response), Convert.ToHexString(EncodeResponse(IPAddress.Parse("192.0.2.1"))));
        Assert.Equal(Convert.ToHexString(Rfc5769.SampleIpv6Response), Convert.ToHexString(EncodeResponse(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"))));
    }

    [Fact]
    public void Encoder_reproduces_the_long_term_request_byte_for_byte()
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.Request, Hex.Bytes("78 ad 34 33 c6 ad 72 c0 29 da 41 2e"));
        writer.AddText(StunAttributeType.Username, Rfc5769.LongTermUsername);
        writer.AddText(StunAttributeType.Nonce, Rfc5769.LongTermNonce);
        writer.AddText(StunAttributeType.Realm, Rfc5769.LongTermRealm);
        writer.AddMessageIntegrity(LongTermKey.Compute(Rfc5769.LongTermUsername, Rfc5769.LongTermRealm, Rfc5769.LongTermPassword));

        Assert.Equal(Convert.ToHexString(Rfc5769.LongTermRequest), Convert.ToHexString(writer.Written));
    }

    private static byte[] EncodeResponse(IPAddress mapped)
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMethod.Binding, StunClass.SuccessResponse, Rfc5769.TransactionId) { PaddingByte = 0x20 };
        writer.AddText(StunAttributeType.Software, "test vector");
        writer.AddXorAddress(StunAttributeType.XorMappedAddress, mapped, 32853);
        writer.AddMessageIntegrity(ShortTermKey);
        writer.AddFingerprint();
        return writer.Written.ToArray();
    }
}
