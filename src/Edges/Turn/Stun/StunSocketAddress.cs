using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// Reads the IP and port out of a <see cref="SocketAddress"/> without creating an <see cref="IPEndPoint"/>, so a
/// UDP listener can answer a Binding request with no allocation. Both sockaddr_in and sockaddr_in6 keep the port
/// at bytes 2..3 (network order) and the address at 4..7 or 8..23 on every platform .NET supports.
/// An IPv4-mapped IPv6 address (from a dual-mode socket) is reported as the IPv4 address it carries, which is what
/// the client actually uses (RFC 8489 §14.2 reports "the" reflexive address).
/// </summary>
public static class StunSocketAddress
{
    /// <summary>Copies the address bytes (4 or 16) into <paramref name="address"/> (at least 16 bytes).</summary>
    public static bool TryRead(SocketAddress socketAddress, Span<byte> address, out int addressLength, out ushort port)
    {
        var raw = socketAddress.Buffer.Span[..socketAddress.Size];
        addressLength = 0;
        port = 0;
        if (socketAddress.Family == AddressFamily.InterNetwork && raw.Length >= 8)
        {
            port = BinaryPrimitives.ReadUInt16BigEndian(raw[2..]);
            raw.Slice(4, 4).CopyTo(address);
            addressLength = 4;
            return true;
        }

        if (socketAddress.Family == AddressFamily.InterNetworkV6 && raw.Length >= 24)
        {
            port = BinaryPrimitives.ReadUInt16BigEndian(raw[2..]);
            var v6 = raw.Slice(8, 16);
            if (IsIpv4Mapped(v6))
            {
                v6[12..].CopyTo(address);
                addressLength = 4;
            }
            else
            {
                v6.CopyTo(address);
                addressLength = 16;
            }

            return true;
        }

        return false;
    }

    /// <summary>Whether 16 bytes are ::ffff:a.b.c.d.</summary>
    public static bool IsIpv4Mapped(ReadOnlySpan<byte> v6) =>
        v6.Length == 16 && !v6[..10].ContainsAnyExcept((byte)0) && v6[10] == 0xFF && v6[11] == 0xFF;

    /// <summary>The IPv4 address inside an IPv4-mapped IPv6 address; any other address unchanged.</summary>
    public static IPAddress Unmap(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
