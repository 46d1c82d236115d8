namespace Cluster.Edges.Web;

/// <summary>
/// A freshly created session: the bearer token, handed to the client exactly once, and its stored record.
/// </summary>
/// <param name="Token">The secret bearer token (base64url of 256 random bits).</param>
/// <param name="Record">What the store keeps about it.</param>
public sealed record IssuedSession(string Token, SessionRecord Record);
