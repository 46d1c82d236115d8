using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// Flow tokens (RFC 5626 §5.2): an opaque string that encodes a <see cref="SipFlow"/> and an HMAC-SHA256 over it, so
/// a token put into a Path, Record-Route or Contact user part comes back unforgeable and names the exact connection
/// on this node. Base64url without padding, which is valid in a SIP URI user part and as a parameter token.
/// </summary>
public sealed class SipFlowTokenCodec
{
    private const byte Version = 1;
    private const int MacLength = 16; // 128-bit truncated HMAC-SHA256 (RFC 2104 §5 allows truncation to >= 80 bits)
    private readonly byte[] key;

    /// <param name="key">Secret of at least 32 bytes; every node that must accept a token needs the same key.</param>
    public SipFlowTokenCodec(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32) throw new ArgumentException($"the flow-token key must be at least 32 bytes (is {key.Length})", nameof(key));
        this.key = key.ToArray();
    }

    /// <summary>A codec with a fresh random key (tokens die with the process, as do its connections).</summary>
    public static SipFlowTokenCodec CreateRandom() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Encodes a flow.</summary>
    public string Encode(SipFlow flow)
    {
        Span<byte> buffer = stackalloc byte[2 + 8 + 2 * (1 + 16 + 2) + MacLength];
        var n = 0;
        buffer[n++] = Version;
        buffer[n++] = (byte)flow.Transport;
        BinaryPrimitives.WriteInt64BigEndian(buffer[n..], flow.ConnectionId);
        n += 8;
        n += WriteEndPoint(buffer[n..], flow.Local);
        n += WriteEndPoint(buffer[n..], flow.Remote);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, buffer[..n], mac);
        mac[..MacLength].CopyTo(buffer[n..]);
        return Base64Url.EncodeToString(buffer[..(n + MacLength)]);
    }

    /// <summary>Decodes and authenticates a token; false for anything malformed or tampered with.</summary>
    public bool TryDecode(string token, out SipFlow? flow)
    {
        flow = null;
        if (string.IsNullOrEmpty(token) || token.Length > 128) return false;
        foreach (var c in token)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false; // the decoder throws on foreign characters
        Span<byte> buffer = stackalloc byte[96];
        int length;
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, buffer, out length) || length <= MacLength + 10) return false;
        }
        catch (FormatException)
        {
            return false; // e.g. a length that no base64 text can have
        }
        var payload = buffer[..(length - MacLength)];
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, payload, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], buffer.Slice(length - MacLength, MacLength))) return false;
        if (payload[0] != Version || payload[1] is < 1 or > 3) return false;
        var connectionId = BinaryPrimitives.ReadInt64BigEndian(payload[2..]);
        var n = 10;
        if (!TryReadEndPoint(payload, ref n, out var local) || !TryReadEndPoint(payload, ref n, out var remote) || n != payload.Length) return false;
        flow = new SipFlow((SipTransportKind)payload[1], local!, remote!, connectionId);
        return true;
    }

    private static int WriteEndPoint(Span<byte> s, IPEndPoint ep)
    {
        var address = ep.Address.IsIPv4MappedToIPv6 ? ep.Address.MapToIPv4() : ep.Address;
        address.TryWriteBytes(s[1..], out var written);
        s[0] = (byte)written;
        BinaryPrimitives.WriteUInt16BigEndian(s[(1 + written)..], (ushort)ep.Port);
        return 1 + written + 2;
    }

    private static bool TryReadEndPoint(ReadOnlySpan<byte> s, ref int n, out IPEndPoint? ep)
    {
        ep = null;
        if (n >= s.Length) return false;
        var len = s[n];
        if (len is not (4 or 16) || n + 1 + len + 2 > s.Length) return false;
        var address = new IPAddress(s.Slice(n + 1, len));
        var port = BinaryPrimitives.ReadUInt16BigEndian(s[(n + 1 + len)..]);
        n += 1 + len + 2;
        ep = new IPEndPoint(address, port);
        return true;
    }
}
