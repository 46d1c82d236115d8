namespace Cluster.Shell.LineEditing;

/// <summary>
/// Lines entered in interactive sessions, kept in <c>~/.uc_history</c> (or <c>UC_HISTORY_FILE</c>) so Up recalls
/// commands from earlier sessions. Like bash's <c>ignorespace</c>, a line typed with a leading space is not kept,
/// and an immediate repeat is stored once. The file keeps the newest <see cref="Capacity"/> lines.
/// </summary>
internal sealed class CommandHistory
{
    private readonly List<string> entries = [];
    private readonly string? path;
    private int appendedSinceTrim;

    public CommandHistory(string? path, int capacity = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.path = path;
        Capacity = capacity;
        if (path is not null && File.Exists(path))
        {
            try
            {
                entries.AddRange(File.ReadAllLines(path).Where(l => l.Length > 0).TakeLast(capacity));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable history must not stop the shell.
            }
        }
    }

    public int Capacity { get; }

    public IReadOnlyList<string> Entries => entries;

    /// <summary>The default file: <c>UC_HISTORY_FILE</c> if set, else <c>~/.uc_history</c>.</summary>
    public static string? DefaultPath(Func<string, string?> environment)
    {
        if (environment("UC_HISTORY_FILE") is { Length: > 0 } configured)
            return configured;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".uc_history");
    }

    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.StartsWith(' ') || line.Contains('\n'))
            return;
        if (entries.Count > 0 && entries[^1] == line)
            return;
        entries.Add(line);
        if (entries.Count > Capacity)
            entries.RemoveAt(0);
        Persist(line);
    }

    private void Persist(string line)
    {
        if (path is null)
            return;
        try
        {
            // Append is cheap; rewrite only now and then to cut the file back to capacity.
            if (++appendedSinceTrim >= Capacity)
            {
                File.WriteAllLines(path, entries);
                appendedSinceTrim = 0;
            }
            else
            {
                File.AppendAllText(path, line + "\n");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // History is a convenience; a read-only home directory must not break the shell.
        }
    }
}
