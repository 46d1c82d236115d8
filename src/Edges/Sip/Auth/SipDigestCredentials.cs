using System.Text;

namespace Cluster.Edges.Sip.Auth;

/// <summary>
/// A parsed <c>Authorization</c> or <c>Proxy-Authorization</c> Digest value (RFC 3261 §22.4, §25.1; RFC 7616 §3.4):
/// quoted strings with backslash escapes, unquoted tokens for algorithm, qop and nc, parameter names
/// case-insensitive, unknown parameters kept.
/// </summary>
public sealed class SipDigestCredentials
{
    private SipDigestCredentials(Dictionary<string, string> parameters) => Parameters = parameters;

    /// <summary>Every parameter, names lower-cased, values unquoted and unescaped.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string? Username => Get("username");
    public string? Realm => Get("realm");
    public string? Nonce => Get("nonce");
    public string? Uri => Get("uri");
    public string? Response => Get("response");
    public string? Algorithm => Get("algorithm");
    public string? CNonce => Get("cnonce");
    public string? Opaque => Get("opaque");
    public string? Qop => Get("qop");
    public string? NonceCount => Get("nc");

    private string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    /// <summary>Parses a header value; false with a reason when it is not a well-formed Digest credential.</summary>
    public static bool TryParse(string value, out SipDigestCredentials? credentials, out string? error)
    {
        credentials = null;
        var s = value.AsSpan().Trim();
        if (s.Length < 7 || !s[..6].Equals("Digest", StringComparison.OrdinalIgnoreCase) || s[6] is not (' ' or '\t'))
        {
            error = "not a Digest credential";
            return false;
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 7;
        while (true)
        {
            i = SkipSpace(s, i);
            if (i >= s.Length) break;
            var nameStart = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '_' or '.')) i++;
            if (i == nameStart) { error = $"expected a parameter name at offset {i}"; return false; }
            var name = s[nameStart..i].ToString().ToLowerInvariant();
            i = SkipSpace(s, i);
            if (i >= s.Length || s[i] != '=') { error = $"parameter '{name}' has no value"; return false; }
            i = SkipSpace(s, i + 1);
            string paramValue;
            if (i < s.Length && s[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < s.Length)
                {
                    var c = s[i++];
                    if (c == '\\')
                    {
                        if (i >= s.Length) break;
                        sb.Append(s[i++]); // quoted-pair (RFC 3261 §25.1)
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        sb.Append(c);
                    }
                }
                if (!closed) { error = $"unterminated quoted string in '{name}'"; return false; }
                paramValue = sb.ToString();
            }
            else
            {
                var start = i;
                while (i < s.Length && s[i] != ',' && s[i] != ' ' && s[i] != '\t' && s[i] != '"') i++;
                if (i == start) { error = $"parameter '{name}' has an empty value"; return false; }
                paramValue = s[start..i].ToString();
            }
            if (!parameters.TryAdd(name, paramValue)) { error = $"parameter '{name}' appears twice"; return false; }
            i = SkipSpace(s, i);
            if (i >= s.Length) break;
            if (s[i] != ',') { error = $"expected ',' after '{name}'"; return false; }
            i++;
        }
        foreach (var required in new[] { "username", "realm", "nonce", "uri", "response" })
            if (!parameters.ContainsKey(required)) { error = $"missing '{required}'"; return false; }
        credentials = new SipDigestCredentials(parameters);
        error = null;
        return true;
    }

    private static int SkipSpace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\r' or '\n') i++;
        return i;
    }
}
