using Serilog;

namespace Cluster.Edges.Web;

/// <summary>
/// What the web edge needs from the rest of the node. The edge is built against these small interfaces so it can
/// run and be tested before the user entities exist; the node wires them to the entities.
/// </summary>
public sealed record WebEdgeServices
{
    /// <summary>Checks usernames and passwords for <c>POST /api/v1/login</c>.</summary>
    public required ICredentialVerifier CredentialVerifier { get; init; }

    /// <summary>The node's data directory; the development certificate is kept under <c>web/</c> in it.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Token store; null = a node-local <see cref="InMemorySessionStore"/> with the configured lifetimes.</summary>
    public ISessionStore? SessionStore { get; init; }

    /// <summary>TURN credential issuer; null = <c>/api/v1/turn-credentials</c> answers 503 "turn-not-configured".</summary>
    public ITurnCredentialIssuer? TurnCredentials { get; init; }

    /// <summary>Told when client sessions start, detach, resume and end; null = nobody.</summary>
    public IClientSessionListener? SessionListener { get; init; }

    /// <summary>Message handlers; null = an empty registry (see <see cref="WebEdgeServer.Handlers"/>).</summary>
    public ClientMessageRegistry? Handlers { get; init; }

    /// <summary>Readiness checks; null = an empty set (always ready).</summary>
    public ReadinessChecks? Readiness { get; init; }

    /// <summary>Clock for tokens, throttling and WebSocket timers; null = the system clock.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Serilog logger; null = the global one.</summary>
    public ILogger? Logger { get; init; }
}
