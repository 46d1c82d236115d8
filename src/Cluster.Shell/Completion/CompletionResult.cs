namespace Cluster.Shell.Completion;

/// <summary>
/// Candidates for the word under the cursor; the editor replaces the text from <see cref="ReplaceStart"/> to the
/// cursor with the chosen candidate.
/// </summary>
internal sealed record CompletionResult(int ReplaceStart, string Current, IReadOnlyList<string> Candidates)
{
    /// <summary>Longest prefix shared by every candidate (empty when there are none).</summary>
    public string CommonPrefix
    {
        get
        {
            if (Candidates.Count == 0)
                return "";
            var prefix = Candidates[0];
            foreach (var candidate in Candidates.Skip(1))
            {
                var length = 0;
                while (length < prefix.Length && length < candidate.Length && prefix[length] == candidate[length])
                    length++;
                prefix = prefix[..length];
            }
            return prefix;
        }
    }
}
