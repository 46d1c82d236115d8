using System.Text.Json.Serialization;

namespace Cluster.Actors.Common;

/// <summary>
/// The canonical <c>user@domain</c> address that names a user entity, a watcher or a chat party. It is the entity id
/// of <c>UserEntity</c>, so two spellings of one user must not name two entities: both parts are lower-cased (user
/// names are logins taken from a directory and compared case-insensitively, as the reference products do; host names
/// are case-insensitive per RFC 3261 §19.1.4). A SIP URI is not an address: strip the scheme and parameters at the edge.
/// </summary>
[JsonConverter(typeof(UserAddressJsonConverter))]
public readonly record struct UserAddress : IComparable<UserAddress>
{
    private const int MaxLength = 256;

    private UserAddress(string user, string domain)
    {
        User = user;
        Domain = domain;
    }

    /// <summary>The part before the <c>@</c> (lower-cased).</summary>
    public string User { get; }

    /// <summary>The host part after the <c>@</c> (lower-cased).</summary>
    public string Domain { get; }

    /// <summary>True for <c>default(UserAddress)</c>, which names nobody.</summary>
    public bool IsEmpty => User is null;

    /// <summary>Parses <c>user@domain</c>.</summary>
    /// <exception cref="FormatException">The text is not a valid address; the message says why.</exception>
    public static UserAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>Parses <c>user@domain</c> without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out UserAddress address, out string? error)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "address is empty";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"address is longer than {MaxLength} characters";
            return false;
        }

        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1)
        {
            error = $"address '{text}' is not of the form user@domain";
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ';' or ',' or '"' or '/' or '\\' or '?')
            {
                error = $"address '{text}' contains the character '{c}' (strip the SIP scheme and parameters first)";
                return false;
            }
        }

        var user = text[..at];
        var domain = text[(at + 1)..];
        if (user.Contains(':', StringComparison.Ordinal))
        {
            error = $"address '{text}' has a ':' in the user part (a URI scheme such as 'sip:' must be stripped)";
            return false;
        }

        if (domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            error = $"address '{text}' has an invalid domain '{domain}'";
            return false;
        }

        address = new UserAddress(user.ToLowerInvariant(), domain.ToLowerInvariant());
        error = null;
        return true;
    }

    /// <summary>True when both addresses are in the same domain (colleagues by default see each other at company level).</summary>
    public bool SameDomainAs(UserAddress other) => string.Equals(Domain, other.Domain, StringComparison.Ordinal);

    public int CompareTo(UserAddress other) => string.CompareOrdinal(ToString(), other.ToString());

    public override string ToString() => IsEmpty ? string.Empty : $"{User}@{Domain}";
}
