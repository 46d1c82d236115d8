using System.Net.Sockets;

namespace Cluster.Edges.Media.Ports;

/// <summary>
/// The free list of one node's slots. Free slots are reused in FIFO order, so a released port pair rests as long as
/// possible before a new call gets it (late packets of the old call then rarely reach the new one). Not thread-safe:
/// owned by the slot manager actor.
/// </summary>
public sealed class MediaSlotPool
{
    private readonly Queue<int> free = new();
    private readonly HashSet<int> used = [];

    public MediaSlotPool(MediaPortRange range)
    {
        Range = range;
        Capacity = MediaSlotLayout.SlotCount(range);
        if (Capacity == 0)
            throw new ArgumentException($"port range {range} holds no slot of {MediaSlotLayout.PortsPerSlot} ports", nameof(range));
        for (var i = 0; i < Capacity; i++)
            free.Enqueue(i);
    }

    public MediaPortRange Range { get; }

    public int Capacity { get; }

    public int Used => used.Count;

    public int Free => free.Count;

    /// <summary>Slots whose ports could not be bound since start (another process held one).</summary>
    public long BindFailures { get; private set; }

    /// <summary>
    /// Takes the oldest free slot and hands its ports to <paramref name="open"/> (which binds them). A slot whose bind
    /// fails goes to the back of the queue and the next is tried, each free slot at most once.
    /// </summary>
    public bool TryTake<T>(Func<MediaSlotPorts, T> open, out T? opened, out MediaReservationFailure failure) where T : class
    {
        var attempts = free.Count;
        if (attempts == 0)
        {
            opened = null;
            failure = MediaReservationFailure.NoFreeSlot;
            return false;
        }
        for (var i = 0; i < attempts; i++)
        {
            var index = free.Dequeue();
            try
            {
                opened = open(new MediaSlotPorts(index, MediaSlotLayout.BasePort(Range, index)));
                used.Add(index);
                failure = default;
                return true;
            }
            catch (SocketException)
            {
                BindFailures++;
                free.Enqueue(index);
            }
        }
        opened = null;
        failure = MediaReservationFailure.PortsUnavailable;
        return false;
    }

    /// <summary>Returns a slot to the back of the free list; false when it was not in use.</summary>
    public bool Return(MediaSlotPorts ports)
    {
        if (!used.Remove(ports.Index))
            return false;
        free.Enqueue(ports.Index);
        return true;
    }
}
