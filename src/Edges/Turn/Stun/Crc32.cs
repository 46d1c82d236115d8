namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// CRC-32 as used by FINGERPRINT (RFC 8489 §14.7 points at ITU-T V.42 / ISO 3309, the same polynomial as zlib and
/// Ethernet). Table driven; written here so the Edges project does not need a package for 30 lines.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320; // reflected 0x04C11DB7

    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 of <paramref name="data"/>, with the usual initial value and final xor of 0xFFFFFFFF.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC computed by <see cref="Compute"/> over more bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var c = ~crc;
        var table = Table;
        foreach (var b in data)
        {
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
