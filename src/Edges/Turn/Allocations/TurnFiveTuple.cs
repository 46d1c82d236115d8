using System.Net;
using Cluster.Edges.Turn.Server;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// The key of an allocation (RFC 8656 §2: client IP and port, server IP and port, transport). One TURN server owns
/// one listener per transport, so the server half is implied by <see cref="Transport"/>. Addresses are kept as
/// 128-bit numbers (IPv4 as ::ffff:a.b.c.d) so building the key from a receive buffer allocates nothing.
/// </summary>
public readonly record struct TurnFiveTuple(UInt128 Address, ushort Port, StunTransport Transport)
{
    /// <summary>From raw address bytes (4 or 16) as the listeners report them.</summary>
    public static TurnFiveTuple From(ReadOnlySpan<byte> address, ushort port, StunTransport transport) =>
        new(TurnAddress.ToNumber(address), port, transport);

    public IPEndPoint ToEndPoint() => new(TurnAddress.ToIPAddress(Address), Port);

    public override string ToString() => $"{Transport.ToString().ToLowerInvariant()}:{ToEndPoint()}";
}
