namespace Cluster.Edges.Turn.Allocations;

/// <summary>Traffic of one allocation, bumped lock-free by the receive loops and read by <c>uc turn allocations</c>.</summary>
public sealed class TurnAllocationCounters
{
    private long packetsToPeer;
    private long bytesToPeer;
    private long packetsToClient;
    private long bytesToClient;
    private long dropped;

    public long PacketsToPeer => Interlocked.Read(ref packetsToPeer);

    public long BytesToPeer => Interlocked.Read(ref bytesToPeer);

    public long PacketsToClient => Interlocked.Read(ref packetsToClient);

    public long BytesToClient => Interlocked.Read(ref bytesToClient);

    /// <summary>Packets not relayed: no permission, no channel, family mismatch, send failure.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    internal void OnToPeer(int bytes)
    {
        Interlocked.Increment(ref packetsToPeer);
        Interlocked.Add(ref bytesToPeer, bytes);
    }

    internal void OnToClient(int bytes)
    {
        Interlocked.Increment(ref packetsToClient);
        Interlocked.Add(ref bytesToClient, bytes);
    }

    internal void OnDropped() => Interlocked.Increment(ref dropped);
}
