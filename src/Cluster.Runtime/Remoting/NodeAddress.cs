using System.Globalization;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Where a node listens for remoting connections (its public host and port). The transport keys associations by
/// this value, independent of the actor kernel's address type, so that remoting can be built and tested on its own;
/// the integrator maps an actor address to a <see cref="NodeAddress"/>. Ordering is total and stable (host compared
/// ordinally, then port) because it decides which of two simultaneous connections survives.
/// </summary>
public readonly record struct NodeAddress : IComparable<NodeAddress>
{
    public NodeAddress(string host, int port)
    {
        if (string.IsNullOrWhiteSpace(host)) throw new ArgumentException("Node host must not be empty.", nameof(host));
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "Node port must be in 1..65535.");
        Host = host;
        Port = port;
    }

    public string Host { get; }
    public int Port { get; }

    public int CompareTo(NodeAddress other)
    {
        var c = string.CompareOrdinal(Host, other.Host);
        return c != 0 ? c : Port.CompareTo(other.Port);
    }

    public static bool operator <(NodeAddress a, NodeAddress b) => a.CompareTo(b) < 0;
    public static bool operator >(NodeAddress a, NodeAddress b) => a.CompareTo(b) > 0;

    /// <summary>Parses <c>host:port</c> (IPv6 hosts in brackets: <c>[::1]:4053</c>).</summary>
    public static NodeAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"Node address '{text}' is not of the form host:port.");
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"Node address '{text}' has an invalid port (expected 1..65535).");
        return new NodeAddress(host, port);
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
