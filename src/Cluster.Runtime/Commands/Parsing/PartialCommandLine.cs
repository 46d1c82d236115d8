namespace Cluster.Runtime.Commands.Parsing;

/// <summary>
/// An unfinished command line as the completer sees it: the words already finished, and the word under the cursor.
/// </summary>
/// <param name="Words">Finished words, unquoted.</param>
/// <param name="Current">The word being typed, unquoted; empty right after a space.</param>
/// <param name="CurrentStart">Index in the text where <paramref name="Current"/> starts (including any quote).</param>
/// <param name="OpenQuote">The quote character still open in the current word, if any.</param>
public sealed record PartialCommandLine(IReadOnlyList<string> Words, string Current, int CurrentStart, char? OpenQuote);
