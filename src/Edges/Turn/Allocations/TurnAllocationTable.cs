using System.Collections.Concurrent;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// The lookup tables the socket loops read (5-tuple → allocation, relay port → allocation) and the quota books
/// (RFC 8656 §7.2 step 7: 486 when a user or the server has as many allocations as allowed). Quota is reserved
/// before a relay socket is bound and released when the allocation ends or could not be made, so concurrent
/// Allocates never overshoot.
/// </summary>
public sealed class TurnAllocationTable
{
    private readonly ConcurrentDictionary<TurnFiveTuple, TurnAllocation> byClient = new();
    private readonly ConcurrentDictionary<int, TurnAllocation> byRelayPort = new();
    private readonly Dictionary<string, int> perUser = new(StringComparer.Ordinal);
    private readonly int maxPerUser;
    private readonly int maxTotal;
    private int reserved;

    /// <remarks><c>maxPerUser</c>, <c>maxTotal</c>: 0 = unlimited.</remarks>
    public TurnAllocationTable(int maxPerUser, int maxTotal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerUser);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTotal);
        this.maxPerUser = maxPerUser;
        this.maxTotal = maxTotal;
    }

    /// <summary>Allocations in the table.</summary>
    public int Count => byClient.Count;

    /// <summary>Quota slots held (allocations plus ones being made).</summary>
    public int Reserved => Volatile.Read(ref reserved);

    public IEnumerable<TurnAllocation> All => byClient.Values;

    public TurnAllocation? Find(in TurnFiveTuple client) => byClient.GetValueOrDefault(client);

    public TurnAllocation? FindByRelayPort(int port) => byRelayPort.GetValueOrDefault(port);

    /// <summary>Takes a quota slot for <paramref name="user"/>; false when the user or the server is at its quota.</summary>
    public bool TryReserve(string user)
    {
        lock (perUser)
        {
            perUser.TryGetValue(user, out var count);
            if ((maxPerUser > 0 && count >= maxPerUser) || (maxTotal > 0 && reserved >= maxTotal))
            {
                return false;
            }

            perUser[user] = count + 1;
            reserved++;
            return true;
        }
    }

    /// <summary>Gives a quota slot back.</summary>
    public void Release(string user)
    {
        lock (perUser)
        {
            if (perUser.TryGetValue(user, out var count))
            {
                if (count <= 1)
                {
                    perUser.Remove(user);
                }
                else
                {
                    perUser[user] = count - 1;
                }

                reserved--;
            }
        }
    }

    /// <summary>Allocations held by <paramref name="user"/> (quota view).</summary>
    public int CountFor(string user)
    {
        lock (perUser)
        {
            return perUser.GetValueOrDefault(user);
        }
    }

    /// <summary>Publishes an allocation; false when its 5-tuple got one meanwhile (a racing Allocate).</summary>
    public bool TryAdd(TurnAllocation allocation)
    {
        if (!byClient.TryAdd(allocation.Client, allocation))
        {
            return false;
        }

        byRelayPort[allocation.RelayedAddress.Port] = allocation;
        return true;
    }

    /// <summary>Unpublishes an allocation (only that instance: a newer one on the same 5-tuple stays).</summary>
    public bool Remove(TurnAllocation allocation)
    {
        byRelayPort.TryRemove(new KeyValuePair<int, TurnAllocation>(allocation.RelayedAddress.Port, allocation));
        return byClient.TryRemove(new KeyValuePair<TurnFiveTuple, TurnAllocation>(allocation.Client, allocation));
    }
}
