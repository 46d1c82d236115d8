using System.Globalization;
using System.Text;

namespace Cluster.Actors.Directory;

/// <summary>
/// How directory text is compared: case-insensitive, accent-insensitive ("Müller" is found by "muller"), whitespace
/// collapsed; phone numbers as their digits only, so "+49 (89) 123-45" is found by "498912345" and by "89 123".
/// </summary>
internal static class DirectoryText
{
    /// <summary>Lower-cased, accents removed, runs of whitespace turned into one space, trimmed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return string.Empty;
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0)
                builder.Append(' ');
            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>The digits of a phone number.</summary>
    public static string Digits(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
                builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>True for a query that looks like a phone number (digits and dialling punctuation, at least one digit).</summary>
    public static bool LooksLikeNumber(string query)
    {
        var digits = 0;
        foreach (var c in query)
        {
            if (c is >= '0' and <= '9')
                digits++;
            else if (c is not (' ' or '+' or '-' or '(' or ')' or '/' or '.'))
                return false;
        }
        return digits > 0;
    }

    /// <summary>True when <paramref name="position"/> starts a word of <paramref name="text"/> (start, or after a separator).</summary>
    public static bool IsWordStart(string text, int position) =>
        position == 0 || text[position - 1] is ' ' or '.' or '@' or '-' or '_' or ',' or '(' or '/';
}
