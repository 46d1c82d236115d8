using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// A gateway call got no reply from the user's entity. Edges catch this one type and answer with the status
/// <see cref="Failure"/> suggests and <see cref="Exception.Message"/> as the reason phrase/log text. A
/// <see cref="CommandRejected"/> is not an exception: it is the entity's answer.
/// </summary>
public sealed class UserGatewayException : Exception
{
    public UserGatewayException(UserAddress user, UserGatewayFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        User = user;
        Failure = failure;
    }

    public UserAddress User { get; }

    public UserGatewayFailure Failure { get; }

    /// <summary>True when the same request may succeed later (<see cref="UserGatewayFailure.Timeout"/> or <see cref="UserGatewayFailure.Unavailable"/>).</summary>
    public bool IsTransient => Failure != UserGatewayFailure.Failed;
}
