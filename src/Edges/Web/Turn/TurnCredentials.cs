namespace Cluster.Edges.Web;

/// <summary>
/// Time-limited TURN credentials in the TURN REST API style (draft-uberti-behave-turn-rest-00 §2.2, coturn
/// <c>use-auth-secret</c>): the TURN server recomputes the password from the shared secret, so nothing is stored.
/// </summary>
/// <param name="Username">"expiry:user", expiry in Unix seconds.</param>
/// <param name="Password">base64(HMAC-SHA1(secret, username)).</param>
/// <param name="Ttl">Validity from now.</param>
/// <param name="Uris">TURN/STUN URIs (RFC 7065) the client should use.</param>
public sealed record TurnCredentials(string Username, string Password, TimeSpan Ttl, IReadOnlyList<string> Uris);
