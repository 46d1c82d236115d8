using Cluster.Edges.Turn.Auth;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// Server-wide TURN counters for <c>uc turn stats</c>: allocations made and ended, requests refused by error code
/// and credential problem, and what the data path relayed or dropped. Lock-free; read at any time.
/// </summary>
public sealed class TurnCounters
{
    /// <summary>Error codes counted one by one; anything else lands in "other".</summary>
    public static readonly IReadOnlyList<int> CountedErrorCodes = [400, 401, 403, 420, 437, 438, 440, 441, 442, 443, 486, 500, 508];

    private readonly long[] rejectedByCode = new long[CountedErrorCodes.Count + 1];
    private readonly long[] rejectedByCredential = new long[Enum.GetValues<CredentialRejection>().Length];
    private long allocationsCreated;
    private long allocationsEnded;
    private long allocationsExpired;
    private long packetsToPeer;
    private long bytesToPeer;
    private long packetsToClient;
    private long bytesToClient;
    private long droppedNoAllocation;
    private long droppedNoPermission;
    private long droppedNoChannel;
    private long droppedOther;

    public long AllocationsCreated => Interlocked.Read(ref allocationsCreated);

    public long AllocationsEnded => Interlocked.Read(ref allocationsEnded);

    /// <summary>Of <see cref="AllocationsEnded"/>, how many ran out of lifetime (not refreshed).</summary>
    public long AllocationsExpired => Interlocked.Read(ref allocationsExpired);

    public long PacketsToPeer => Interlocked.Read(ref packetsToPeer);

    public long BytesToPeer => Interlocked.Read(ref bytesToPeer);

    public long PacketsToClient => Interlocked.Read(ref packetsToClient);

    public long BytesToClient => Interlocked.Read(ref bytesToClient);

    /// <summary>Send indications and ChannelData from 5-tuples without an allocation.</summary>
    public long DroppedNoAllocation => Interlocked.Read(ref droppedNoAllocation);

    /// <summary>Data to or from a peer IP without a permission (RFC 8656 §9: silently discarded).</summary>
    public long DroppedNoPermission => Interlocked.Read(ref droppedNoPermission);

    /// <summary>ChannelData on an unbound channel.</summary>
    public long DroppedNoChannel => Interlocked.Read(ref droppedNoChannel);

    /// <summary>Malformed indications, oversized or family-mismatched datagrams, failed sends.</summary>
    public long DroppedOther => Interlocked.Read(ref droppedOther);

    /// <summary>Refusals per error code (codes outside <see cref="CountedErrorCodes"/> under 0).</summary>
    public IReadOnlyDictionary<int, long> RejectedByCode
    {
        get
        {
            var result = new SortedDictionary<int, long>();
            for (var i = 0; i < rejectedByCode.Length; i++)
            {
                var value = Interlocked.Read(ref rejectedByCode[i]);
                if (value > 0)
                {
                    result[i < CountedErrorCodes.Count ? CountedErrorCodes[i] : 0] = value;
                }
            }

            return result;
        }
    }

    /// <summary>401s by the credential problem behind them (None = no credentials yet: the normal first challenge).</summary>
    public IReadOnlyDictionary<CredentialRejection, long> RejectedByCredential
    {
        get
        {
            var result = new SortedDictionary<CredentialRejection, long>();
            for (var i = 0; i < rejectedByCredential.Length; i++)
            {
                var value = Interlocked.Read(ref rejectedByCredential[i]);
                if (value > 0)
                {
                    result[(CredentialRejection)i] = value;
                }
            }

            return result;
        }
    }

    internal void OnAllocationCreated() => Interlocked.Increment(ref allocationsCreated);

    internal void OnAllocationEnded(bool expired)
    {
        Interlocked.Increment(ref allocationsEnded);
        if (expired)
        {
            Interlocked.Increment(ref allocationsExpired);
        }
    }

    internal void OnRejected(int code, CredentialRejection credential = CredentialRejection.None)
    {
        var index = -1;
        for (var i = 0; i < CountedErrorCodes.Count; i++)
        {
            if (CountedErrorCodes[i] == code)
            {
                index = i;
                break;
            }
        }

        Interlocked.Increment(ref rejectedByCode[index < 0 ? CountedErrorCodes.Count : index]);
        if (code == 401)
        {
            Interlocked.Increment(ref rejectedByCredential[(int)credential]);
        }
    }

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

    internal void OnDroppedNoAllocation() => Interlocked.Increment(ref droppedNoAllocation);

    internal void OnDroppedNoPermission() => Interlocked.Increment(ref droppedNoPermission);

    internal void OnDroppedNoChannel() => Interlocked.Increment(ref droppedNoChannel);

    internal void OnDroppedOther() => Interlocked.Increment(ref droppedOther);
}
