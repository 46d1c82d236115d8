namespace Cluster.Actors.Users;

/// <summary>Input checks shared by the command handlers; each returns null when the value is acceptable, else the reason.</summary>
internal static class UserValidation
{
    public const int MaxTextLength = 256;

    public const int MaxNoteLength = 1024;

    public static string? Text(string? value, string what, bool required, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"{what} is missing" : null;
        }

        if (value.Length > maxLength)
        {
            return $"{what} is longer than {maxLength} characters";
        }

        return value.Any(c => char.IsControl(c) && c is not '\n' and not '\t') ? $"{what} contains control characters" : null;
    }

    public static string? Email(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var at = value.IndexOf('@');
        return Text(value, "e-mail", false) ?? (at > 0 && at < value.Length - 1 && !value.Any(char.IsWhiteSpace) ? null : $"e-mail '{value}' is not an address");
    }

    public static string? PhoneNumber(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 32)
        {
            return $"phone number '{value}' must be 1 to 32 characters";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '/' || (c == '+' && i == 0)))
            {
                return $"phone number '{value}' may hold digits, a leading '+', spaces, '-', '/', '(' and ')' only";
            }
        }

        return value.Any(char.IsAsciiDigit) ? null : $"phone number '{value}' has no digits";
    }

    /// <summary>A target for forwarding or remote office: sip:, sips: or tel: with something after the colon.</summary>
    public static string? TargetUri(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{what} target is missing";
        }

        var colon = value.IndexOf(':');
        var scheme = colon > 0 ? value[..colon].ToLowerInvariant() : string.Empty;
        if (scheme is not ("sip" or "sips" or "tel") || colon == value.Length - 1 || value.Any(char.IsWhiteSpace) || value.Length > 512)
        {
            return $"{what} target '{value}' must be a sip:, sips: or tel: URI";
        }

        return null;
    }

    /// <summary>True when <paramref name="uri"/> is a sip/sips URI naming <paramref name="self"/> (forwarding loop).</summary>
    public static bool NamesUser(string uri, Cluster.Actors.Common.UserAddress self)
    {
        var colon = uri.IndexOf(':');
        var rest = uri[(colon + 1)..];
        var end = rest.IndexOfAny([';', '?', '>']);
        if (end >= 0)
        {
            rest = rest[..end];
        }

        return Cluster.Actors.Common.UserAddress.TryParse(rest, out var address, out _) && address == self;
    }

    /// <summary>An RFC 8599 parameter value or similar token: present, printable, no whitespace.</summary>
    public static string? Token(string? value, string what, bool required, int maxLength = 4096)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? $"{what} is missing" : null;
        }

        return value.Length > maxLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"{what} must be at most {maxLength} printable characters without spaces"
            : null;
    }

    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
