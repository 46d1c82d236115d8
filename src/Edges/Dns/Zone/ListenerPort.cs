namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// What one listener of this node offers for publication: its port, or why nothing can be published for it. The
/// explanation ends up as a <c>;</c> comment in the zone fragment, so an operator missing a record reads which key
/// turned it off instead of guessing.
/// </summary>
/// <param name="Port">The listening port, or null when the listener is off or its port cannot be published.</param>
/// <param name="Explanation">Where the port comes from (a key name) or why there is none.</param>
public sealed record ListenerPort(int? Port, string Explanation)
{
    /// <summary>True when <see cref="Port"/> can be published.</summary>
    public bool IsOn => Port is not null;

    /// <summary>A listener on <paramref name="port"/> as configured by <paramref name="source"/> (a key name).</summary>
    public static ListenerPort On(int port, string source)
    {
        if (port is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, $"{source}: a published port must be between 1 and 65535");
        return new ListenerPort(port, source);
    }

    /// <summary>No listener, with the reason shown to the operator.</summary>
    public static ListenerPort Off(string reason) => new(null, reason);

    /// <summary>
    /// A configured port where 0 means "any free port chosen by the operating system": such a port is only known
    /// after start-up and differs per node, so it cannot be published.
    /// </summary>
    public static ListenerPort FromConfigured(int port, string source) => port == 0
        ? Off($"{source} uses port 0 (a free port chosen at start-up), which cannot be published")
        : On(port, source);
}
