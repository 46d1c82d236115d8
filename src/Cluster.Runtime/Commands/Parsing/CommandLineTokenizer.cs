using System.Text;

namespace Cluster.Runtime.Commands.Parsing;

/// <summary>
/// Splits a typed command line into words with POSIX-shell-like quoting: whitespace separates words, 'single quotes'
/// are literal, "double quotes" allow \" and \\, and a backslash outside quotes escapes the next character. The same
/// rules run on the node (for <c>line</c> requests) and in the shell (for completion), so both agree on words.
/// </summary>
public static class CommandLineTokenizer
{
    /// <summary>Splits a complete line; an unterminated quote or trailing backslash is a usage error.</summary>
    public static IReadOnlyList<string> Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var scan = Scan(line);
        if (scan.OpenQuote is { } quote)
            throw new CommandUsageException($"unterminated {(quote == '"' ? "double" : "single")} quote in: {line}");
        if (scan.DanglingEscape)
            throw new CommandUsageException($"line ends with a lone backslash: {line}");
        return scan.Words.Select(w => w.Text).ToArray();
    }

    /// <summary>
    /// Splits an unfinished line for completion: the finished words, and the word being typed (possibly empty) with
    /// the index where it starts in <paramref name="text"/>. Never throws on open quotes.
    /// </summary>
    public static PartialCommandLine TokenizePartial(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scan = Scan(text);
        var words = scan.Words;
        if (words.Count > 0 && !scan.EndsWithSeparator)
        {
            var current = words[^1];
            return new PartialCommandLine(words.Take(words.Count - 1).Select(w => w.Text).ToArray(), current.Text, current.Start, scan.OpenQuote);
        }
        return new PartialCommandLine(words.Select(w => w.Text).ToArray(), "", text.Length, null);
    }

    /// <summary>Quotes a word when it needs it, so that <see cref="Tokenize"/> gives it back unchanged.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\'))
            return word;
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static ScanResult Scan(string text)
    {
        var words = new List<(string Text, int Start)>();
        var current = new StringBuilder();
        var inWord = false;
        var start = 0;
        char? quote = null;
        var escape = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (escape)
            {
                current.Append(c);
                escape = false;
                continue;
            }
            if (quote == '\'')
            {
                if (c == '\'') quote = null;
                else current.Append(c);
                continue;
            }
            if (quote == '"')
            {
                if (c == '"') quote = null;
                else if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\') escape = true;
                else current.Append(c);
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add((current.ToString(), start));
                    current.Clear();
                    inWord = false;
                }
                continue;
            }
            if (!inWord)
            {
                inWord = true;
                start = i;
            }
            if (c == '\\') escape = true;
            else if (c is '"' or '\'') quote = c;
            else current.Append(c);
        }
        var endsWithSeparator = !inWord;
        if (inWord)
            words.Add((current.ToString(), start));
        return new ScanResult(words, quote, escape, endsWithSeparator);
    }

    private sealed record ScanResult(List<(string Text, int Start)> Words, char? OpenQuote, bool DanglingEscape, bool EndsWithSeparator);
}
