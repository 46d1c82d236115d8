using System.Security.Cryptography;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// Hands out relay ports from the configured range (RFC 8656 §5: 49152-65535 by default) without collisions and
/// takes them back when an allocation ends. The search starts after the last port handed out, so a freed port is
/// not reused at once (late packets for the old allocation do not reach a new one). EVEN-PORT with the R bit
/// (RFC 8656 §7.2) reserves the next port under an 8-byte RESERVATION-TOKEN for <see cref="ReservationLifetime"/>;
/// expired reservations are released lazily when the search meets them.
/// </summary>
public sealed class RelayPortPool
{
    /// <summary>RFC 8656 §7.2: "the server SHOULD reserve the port ... for approximately 30 seconds".</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromSeconds(30);

    private readonly object gate = new();
    private readonly int min;
    private readonly bool[] used;
    private readonly Dictionary<ulong, (int Port, DateTimeOffset Expires)> reservations = new();
    private readonly Dictionary<int, ulong> reservedPorts = new();
    private readonly TimeProvider clock;
    private int cursor;
    private int inUse;

    public RelayPortPool(int min, int max, TimeProvider clock)
    {
        if (min < 1 || max > 65535 || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"uc.turn.relay.port-min/port-max: need 1 <= min <= max <= 65535, got {min}-{max}.");
        }

        this.min = min;
        this.clock = clock;
        used = new bool[max - min + 1];
        cursor = RandomNumberGenerator.GetInt32(used.Length);
    }

    /// <summary>Ports handed out and not yet returned (reservations included).</summary>
    public int InUse
    {
        get
        {
            lock (gate)
            {
                return inUse;
            }
        }
    }

    public int Capacity => used.Length;

    /// <summary>Takes a free port (an even one when <paramref name="even"/>). False when the range is exhausted.</summary>
    public bool TryRent(bool even, out int port)
    {
        lock (gate)
        {
            for (var i = 0; i < used.Length; i++)
            {
                var index = (cursor + i) % used.Length;
                var candidate = min + index;
                if (even && (candidate & 1) != 0)
                {
                    continue;
                }

                if (!IsFree(index))
                {
                    continue;
                }

                used[index] = true;
                inUse++;
                cursor = (index + 1) % used.Length;
                port = candidate;
                return true;
            }
        }

        port = 0;
        return false;
    }

    /// <summary>
    /// EVEN-PORT with R = 1: an even port whose odd neighbour is free too; the neighbour is reserved and a token
    /// returned. False when no such pair is free.
    /// </summary>
    public bool TryRentEvenPair(out int port, out ulong token)
    {
        lock (gate)
        {
            for (var i = 0; i < used.Length - 1; i++)
            {
                var index = (cursor + i) % (used.Length - 1);
                if (((min + index) & 1) != 0 || !IsFree(index) || !IsFree(index + 1))
                {
                    continue;
                }

                used[index] = true;
                used[index + 1] = true;
                inUse += 2;
                token = NewToken();
                reservations[token] = (min + index + 1, clock.GetUtcNow() + ReservationLifetime);
                reservedPorts[min + index + 1] = token;
                cursor = (index + 2) % used.Length;
                port = min + index;
                return true;
            }
        }

        port = 0;
        token = 0;
        return false;
    }

    /// <summary>Claims the port a RESERVATION-TOKEN stands for; false when unknown or expired (then 508).</summary>
    public bool TryClaim(ulong token, out int port)
    {
        lock (gate)
        {
            if (reservations.Remove(token, out var reservation))
            {
                reservedPorts.Remove(reservation.Port);
                if (reservation.Expires > clock.GetUtcNow())
                {
                    port = reservation.Port;
                    return true;
                }

                Release(reservation.Port);
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Gives a port back (allocation ended, or its socket could not be bound).</summary>
    public void Return(int port)
    {
        lock (gate)
        {
            Release(port);
        }
    }

    private bool IsFree(int index)
    {
        if (!used[index])
        {
            return true;
        }

        // A reserved port whose reservation lapsed is free again.
        if (reservedPorts.TryGetValue(min + index, out var token) && reservations[token].Expires <= clock.GetUtcNow())
        {
            reservations.Remove(token);
            reservedPorts.Remove(min + index);
            used[index] = false;
            inUse--;
            return true;
        }

        return false;
    }

    private void Release(int port)
    {
        var index = port - min;
        if ((uint)index < (uint)used.Length && used[index])
        {
            used[index] = false;
            inUse--;
        }
    }

    private ulong NewToken()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong token;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            token = BitConverter.ToUInt64(bytes);
        }
        while (token == 0 || reservations.ContainsKey(token));

        return token;
    }
}
