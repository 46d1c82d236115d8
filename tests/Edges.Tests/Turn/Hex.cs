namespace Cluster.Edges.Tests.Turn;

/// <summary>Hex dumps as the RFCs print them (spaces and line breaks allowed) to bytes.</summary>
internal static class Hex
{
    public static byte[] Bytes(string dump) =>
        Convert.FromHexString(string.Concat(dump.Where(c => !char.IsWhiteSpace(c))));
}
