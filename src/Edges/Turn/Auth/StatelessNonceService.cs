using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Issues and checks NONCE values without remembering them, so an unauthenticated packet (possibly with a spoofed
/// source) never creates server state. A nonce is
/// <c>[obMatJos2 + features] base64url(issued-at-ms(8) || HMAC-SHA256(key, issued-at-ms || client-ip)[0..16])</c>:
/// the MAC proves we issued it to that client IP, the timestamp bounds its life (RFC 8489 §9.2: "stale" after a
/// while, answered with 438). The source port is deliberately not bound, so a client that reconnects over TCP from
/// a new port can reuse a fresh nonce. The key is per process unless configured: TURN allocations are pinned to the
/// node that holds their 5-tuple, so nonces need not travel.
/// </summary>
public sealed class StatelessNonceService
{
    private const int TimestampLength = 8;
    private const int MacLength = 16;
    private const int TokenLength = 32; // base64url of 24 bytes, no padding

    /// <summary>Tolerated clock step backwards before a nonce "from the future" is rejected.</summary>
    private static readonly TimeSpan FutureSkew = TimeSpan.FromSeconds(5);

    private readonly byte[] key;
    private readonly TimeProvider clock;
    private readonly string prefix;

    /// <remarks>
    /// <c>key</c>: at least 16 bytes of secret. <c>announcedFeatures</c>: the RFC 8489 §9.2 security feature
    /// bits to advertise through the nonce cookie, or null to issue plain (RFC 5389 style) nonces.
    /// </remarks>
    public StatelessNonceService(ReadOnlySpan<byte> key, TimeSpan lifetime, TimeProvider clock, NonceSecurityFeatures? announcedFeatures = null)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("The nonce key needs at least 16 bytes.", nameof(key));
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The nonce lifetime must be positive.");
        }

        this.key = key.ToArray();
        this.clock = clock;
        Lifetime = lifetime;
        AnnouncedFeatures = announcedFeatures;
        prefix = announcedFeatures is { } features ? StunConstants.NonceCookie + EncodeFeatures(features) : string.Empty;
    }

    /// <summary>How long an issued nonce stays valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The feature bits announced in every nonce, or null for plain nonces.</summary>
    public NonceSecurityFeatures? AnnouncedFeatures { get; }

    /// <summary>A fresh nonce for <paramref name="client"/>.</summary>
    public string Issue(IPAddress client)
    {
        Span<byte> raw = stackalloc byte[TimestampLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(raw, clock.GetUtcNow().ToUnixTimeMilliseconds());
        ComputeMac(raw[..TimestampLength], client, raw[TimestampLength..]);
        return prefix + Base64Url.EncodeToString(raw);
    }

    /// <summary>Checks a NONCE attribute value received from <paramref name="client"/>.</summary>
    public NonceCheck Check(ReadOnlySpan<byte> nonce, IPAddress client) => Check(nonce, client, out _);

    /// <remarks><c>announcedFeatures</c> receives the features the nonce's cookie carries (null without cookie).</remarks>
    public NonceCheck Check(ReadOnlySpan<byte> nonce, IPAddress client, out NonceSecurityFeatures? announcedFeatures)
    {
        announcedFeatures = null;
        var cookie = Encoding.ASCII.GetBytes(StunConstants.NonceCookie);
        if (nonce.StartsWith(cookie))
        {
            if (nonce.Length < cookie.Length + 4 || !TryDecodeFeatures(nonce.Slice(cookie.Length, 4), out var features))
            {
                return NonceCheck.Invalid;
            }

            announcedFeatures = features;
            nonce = nonce[(cookie.Length + 4)..];
        }

        Span<byte> raw = stackalloc byte[TimestampLength + MacLength];
        if (nonce.Length != TokenLength
            || Base64Url.DecodeFromUtf8(nonce, raw, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != TokenLength || written != raw.Length)
        {
            return NonceCheck.Invalid;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        ComputeMac(raw[..TimestampLength], client, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw[TimestampLength..]))
        {
            return NonceCheck.Invalid;
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(raw));
        var now = clock.GetUtcNow();
        if (issued > now + FutureSkew)
        {
            return NonceCheck.Invalid;
        }

        return now - issued > Lifetime ? NonceCheck.Stale : NonceCheck.Valid;
    }

    private void ComputeMac(ReadOnlySpan<byte> timestamp, IPAddress client, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[TimestampLength + 16];
        timestamp.CopyTo(input);
        StunSocketAddress.Unmap(client).TryWriteBytes(input[TimestampLength..], out var addressLength);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, input[..(TimestampLength + addressLength)], mac);
        mac[..destination.Length].CopyTo(destination);
    }

    /// <summary>RFC 8489 §9.2: 24 feature bits, bit 0 the most significant, as 4 base64 characters.</summary>
    private static string EncodeFeatures(NonceSecurityFeatures features)
    {
        Span<byte> bits = stackalloc byte[3];
        var value = (uint)features;
        bits[0] = (byte)(value >> 16);
        bits[1] = (byte)(value >> 8);
        bits[2] = (byte)value;
        return Convert.ToBase64String(bits);
    }

    private static bool TryDecodeFeatures(ReadOnlySpan<byte> encoded, out NonceSecurityFeatures features)
    {
        features = default;
        Span<byte> bits = stackalloc byte[3];
        if (Base64.DecodeFromUtf8(encoded, bits, out _, out var written) != System.Buffers.OperationStatus.Done || written != 3)
        {
            return false;
        }

        features = (NonceSecurityFeatures)((bits[0] << 16) | (bits[1] << 8) | bits[2]);
        return true;
    }
}
