namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Time-limited TURN credentials handed to a client by the web API (the "REST API" scheme of
/// draft-uberti-behave-turn-rest, implemented by coturn as <c>use-auth-secret</c>). Serialised as-is to the client,
/// which passes them to RTCPeerConnection's iceServers.
/// </summary>
/// <param name="Username"><c>expiry:user</c>, expiry in unix seconds.</param>
/// <param name="Password">base64(HMAC-SHA1(secret, Username)).</param>
/// <param name="TtlSeconds">Seconds until the credentials stop working.</param>
/// <param name="Uris">turn:/stun: URIs where the credentials are valid.</param>
public sealed record TurnRestCredentials(string Username, string Password, long TtlSeconds, IReadOnlyList<string> Uris);
