using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// Allocation-free address arithmetic for the data path: IPs as <see cref="UInt128"/> (IPv4 mapped into
/// ::ffff:0:0/96), XOR-PEER-ADDRESS decoding (RFC 8489 §14.2) and filling a <see cref="SocketAddress"/> in place.
/// </summary>
public static class TurnAddress
{
    private static readonly UInt128 MappedPrefix = new(0, 0x0000_FFFF_0000_0000UL);
    private static readonly UInt128 MappedMask = new(ulong.MaxValue, 0xFFFF_FFFF_0000_0000UL);

    /// <summary>4 or 16 address bytes to a number; IPv4 becomes ::ffff:a.b.c.d.</summary>
    public static UInt128 ToNumber(ReadOnlySpan<byte> address) => address.Length == 4
        ? MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(address)
        : BinaryPrimitives.ReadUInt128BigEndian(address);

    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return ToNumber(bytes[..written]);
    }

    public static bool IsIPv4(UInt128 address) => (address & MappedMask) == MappedPrefix;

    public static IPAddress ToIPAddress(UInt128 address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsIPv4(address))
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)address);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    /// <summary>Writes the address as 4 (IPv4) or 16 bytes and returns the length.</summary>
    public static int WriteBytes(UInt128 address, Span<byte> destination)
    {
        if (IsIPv4(address))
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)address);
            return 4;
        }

        BinaryPrimitives.WriteUInt128BigEndian(destination, address);
        return 16;
    }

    /// <summary>Decodes XOR-PEER-ADDRESS (or any XOR address) without allocating.</summary>
    /// <remarks><c>cookieAndTransactionId</c>: bytes 4..19 of the message (the XOR mask).</remarks>
    public static bool TryReadXorAddress(ReadOnlySpan<byte> value, ReadOnlySpan<byte> cookieAndTransactionId, out TurnPeerAddress peer)
    {
        peer = default;
        if (value.Length < 4)
        {
            return false;
        }

        var length = value[1] switch
        {
            (byte)StunAddressFamily.IPv4 => 4,
            (byte)StunAddressFamily.IPv6 => 16,
            _ => 0,
        };
        if (length == 0 || value.Length != 4 + length)
        {
            return false;
        }

        Span<byte> address = stackalloc byte[16];
        for (var i = 0; i < length; i++)
        {
            address[i] = (byte)(value[4 + i] ^ cookieAndTransactionId[i]);
        }

        var port = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (StunConstants.MagicCookie >> 16));
        peer = new TurnPeerAddress(ToNumber(address[..length]), port);
        return true;
    }

    /// <summary>A socket address of <paramref name="family"/> (only the family field matters; the rest is overwritten).</summary>
    public static SocketAddress NewSocketAddress(AddressFamily family) =>
        new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Serialize();

    /// <summary>
    /// Fills <paramref name="target"/> (created by <see cref="NewSocketAddress"/> for the socket's family) with the
    /// peer, in place. sockaddr_in keeps the port at 2..3 and the address at 4..7; sockaddr_in6 the address at 8..23.
    /// An IPv4 peer on an IPv6 socket is written as ::ffff:a.b.c.d. Returns false for an IPv6 peer on an IPv4 socket.
    /// </summary>
    public static bool TryFill(SocketAddress target, TurnPeerAddress peer)
    {
        var raw = target.Buffer.Span;
        BinaryPrimitives.WriteUInt16BigEndian(raw[2..], peer.Port);
        if (target.Family == AddressFamily.InterNetwork)
        {
            if (!IsIPv4(peer.Address))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32BigEndian(raw[4..], (uint)peer.Address);
            return true;
        }

        BinaryPrimitives.WriteUInt32BigEndian(raw[4..], 0);
        BinaryPrimitives.WriteUInt128BigEndian(raw[8..], peer.Address);
        BinaryPrimitives.WriteUInt32BigEndian(raw[24..], 0);
        return true;
    }

    /// <summary>Reads the peer out of a received socket address (IPv4-mapped addresses unwrapped).</summary>
    public static bool TryRead(SocketAddress source, out TurnPeerAddress peer)
    {
        Span<byte> address = stackalloc byte[16];
        if (!StunSocketAddress.TryRead(source, address, out var length, out var port))
        {
            peer = default;
            return false;
        }

        peer = new TurnPeerAddress(ToNumber(address[..length]), port);
        return true;
    }
}
