namespace Cluster.Runtime.Commands;

/// <summary>
/// Rows and columns a handler writes. The shell aligns them for people; with <c>--json</c> each row becomes an
/// object keyed by column name, so one handler serves both operators and scripts.
/// </summary>
public sealed class CommandTable
{
    private readonly List<IReadOnlyList<object?>> rows = [];

    public CommandTable(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
            throw new ArgumentException("a table needs at least one column", nameof(columns));
        if (columns.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("column names must not be empty", nameof(columns));
        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Length)
            throw new ArgumentException($"column names must be distinct: {string.Join(", ", columns)}", nameof(columns));
        Columns = columns;
    }

    /// <summary>Optional heading printed above the table.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<object?>> Rows => rows;

    /// <summary>
    /// Adds a row; cells are strings, numbers, booleans, enums, dates or null (rendered empty, JSON null).
    /// </summary>
    public CommandTable AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"row has {cells.Length} cells but the table has {Columns.Count} columns ({string.Join(", ", Columns)})", nameof(cells));
        rows.Add(cells);
        return this;
    }
}
