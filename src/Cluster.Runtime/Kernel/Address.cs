using System.Globalization;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// Where an actor system lives: <c>uc://system</c> for a purely local system, <c>uc://system@host:port</c> once
/// remoting gives it a network identity. Actor paths carry an address so that a reference can be serialized and
/// resolved on another node later without changing the path format (Akka's <c>akka.tcp://sys@host:port</c>).
/// </summary>
public sealed record Address
{
    /// <summary>The protocol every address of this runtime uses.</summary>
    public const string DefaultProtocol = "uc";

    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        if (string.IsNullOrEmpty(protocol)) throw new ArgumentException("Address protocol must not be empty.", nameof(protocol));
        ValidateSystemName(system);
        if (host is not null && host.Length == 0) throw new ArgumentException("Address host must be null or non-empty.", nameof(host));
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "Address port must be within 0..65535.");
        if (port is not null && host is null) throw new ArgumentException("An address with a port needs a host.", nameof(port));
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    public string Protocol { get; }
    public string System { get; }
    public string? Host { get; }
    public int? Port { get; }

    /// <summary>True when the address has no host: only meaningful inside its own process.</summary>
    public bool HasLocalScope => Host is null;

    /// <summary>A local address for <paramref name="system"/>: <c>uc://system</c>.</summary>
    public static Address Local(string system) => new(DefaultProtocol, system);

    /// <summary>The same system reachable at <paramref name="host"/>:<paramref name="port"/>.</summary>
    public Address WithHostPort(string host, int port) => new(Protocol, System, host, port);

    public override string ToString()
    {
        if (Host is null) return Protocol + "://" + System;
        return Port is null
            ? Protocol + "://" + System + "@" + Host
            : Protocol + "://" + System + "@" + Host + ":" + Port.Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses <c>proto://system[@host[:port]]</c>; anything after the authority is an error.</summary>
    public static Address Parse(string text)
    {
        if (!TryParsePrefix(text, out var address, out var rest) || rest.Length != 0)
            throw new FormatException($"'{text}' is not an actor system address (expected uc://system or uc://system@host:port).");
        return address;
    }

    /// <summary>
    /// Parses the address at the start of <paramref name="text"/> and returns what follows it (the path part,
    /// starting with '/' or empty).
    /// </summary>
    internal static bool TryParsePrefix(string text, out Address address, out string rest)
    {
        address = null!;
        rest = string.Empty;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var protocol = text[..schemeEnd];
        var authorityStart = schemeEnd + 3;
        var slash = text.IndexOf('/', authorityStart);
        var authority = slash < 0 ? text[authorityStart..] : text[authorityStart..slash];
        rest = slash < 0 ? string.Empty : text[slash..];
        string system;
        string? host = null;
        int? port = null;
        var at = authority.IndexOf('@');
        if (at < 0)
        {
            system = authority;
        }
        else
        {
            system = authority[..at];
            var hostPort = authority[(at + 1)..];
            var colon = hostPort.LastIndexOf(':');
            if (colon >= 0 && hostPort.IndexOf(']') < colon)
            {
                if (!int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) return false;
                port = p;
                hostPort = hostPort[..colon];
            }
            if (hostPort.Length == 0) return false;
            host = hostPort;
        }
        if (!IsValidSystemName(system) || port is > 65535) return false;
        address = new Address(protocol, system, host, port);
        return true;
    }

    internal static bool IsValidSystemName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetterOrDigit(name[0])) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        return true;
    }

    internal static void ValidateSystemName(string? name)
    {
        if (!IsValidSystemName(name))
            throw new ArgumentException(
                $"Invalid actor system name '{name}': it must start with an ASCII letter or digit and contain only letters, digits, '-' or '_'.",
                nameof(name));
    }
}
