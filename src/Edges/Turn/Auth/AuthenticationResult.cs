using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Decision of the long-term credential mechanism for one request, with a human-readable reason to log
/// (<c>"Allocate from {Client} refused: {Reason}"</c>). Never sent to the client beyond the error code.
/// </summary>
public readonly record struct AuthenticationResult(
    AuthenticationOutcome Outcome,
    CredentialRejection Rejection,
    string Reason,
    string? Username = null,
    byte[]? Key = null,
    StunPasswordAlgorithm Algorithm = StunPasswordAlgorithm.Md5)
{
    public bool IsAccepted => Outcome == AuthenticationOutcome.Accepted;

    /// <summary>The STUN error code for a refusal (0 when accepted).</summary>
    public int ErrorCode => Outcome switch
    {
        AuthenticationOutcome.Unauthorized => StunErrorCodes.Unauthorized,
        AuthenticationOutcome.BadRequest => StunErrorCodes.BadRequest,
        AuthenticationOutcome.StaleNonce => StunErrorCodes.StaleNonce,
        _ => 0,
    };
}
