using System.Net;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>A peer transport address (IP as a 128-bit number, see <see cref="TurnAddress"/>) used as a lookup key on the data path.</summary>
public readonly record struct TurnPeerAddress(UInt128 Address, ushort Port)
{
    public IPEndPoint ToEndPoint() => new(TurnAddress.ToIPAddress(Address), Port);

    public override string ToString() => ToEndPoint().ToString();
}
