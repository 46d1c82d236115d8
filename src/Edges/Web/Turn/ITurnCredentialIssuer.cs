namespace Cluster.Edges.Web;

/// <summary>
/// Issues TURN credentials for an authenticated user. An interface so the node can plug in the TURN edge's own
/// generator (which shares the secret with the TURN server) instead of <see cref="HmacTurnCredentialIssuer"/>.
/// </summary>
public interface ITurnCredentialIssuer
{
    TurnCredentials Issue(string userId);
}
