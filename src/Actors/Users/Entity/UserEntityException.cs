using Cluster.Actors.Common;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// Why a user entity answered a command with <c>Status.Failure</c> instead of a reply: the journal did not store the
/// command's events, or the entity stopped while they were being written (then the outcome is unknown: resend with
/// the same command id, which the entity answers once), or the domain code failed. Commands are never dropped
/// silently; <see cref="ShardedUserGateway"/> turns this into a <see cref="UserGatewayException"/>.
/// </summary>
public sealed class UserEntityException : Exception
{
    public UserEntityException(UserAddress user, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        User = user;
        IsTransient = isTransient;
    }

    public UserAddress User { get; }

    /// <summary>True when retrying later may succeed (the journal was unreachable, the entity was stopping).</summary>
    public bool IsTransient { get; }
}
