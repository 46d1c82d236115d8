namespace Cluster.Actors.Directory;

/// <summary>One page of directory search results, best matches first.</summary>
/// <param name="Entries">The entries of this page.</param>
/// <param name="Total">How many entries matched in all.</param>
/// <param name="Offset">Index of the first entry of this page among all matches.</param>
public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Entries, int Total, int Offset)
{
    /// <summary>True when matches follow this page.</summary>
    public bool HasMore => Offset + Entries.Count < Total;
}
