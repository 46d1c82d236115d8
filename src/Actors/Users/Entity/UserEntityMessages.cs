using Cluster.Actors.Common;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// A command (<see cref="IUserCommand"/>) or query (<see cref="IUserQuery"/>) for the user entity named by
/// <see cref="User"/>, as sent to the <c>user</c> shard region: commands do not carry their user, so the envelope
/// names the entity and <see cref="UserMessageExtractor"/> unwraps it.
/// </summary>
public sealed record UserEnvelope
{
    public UserEnvelope(UserAddress user, object message)
    {
        if (user.IsEmpty)
        {
            throw new ArgumentException("a user envelope needs a user address", nameof(user));
        }

        ArgumentNullException.ThrowIfNull(message);
        if (message is not (IUserCommand or IUserQuery))
        {
            throw new ArgumentException($"a user envelope carries an IUserCommand or IUserQuery, not {message.GetType().Name}", nameof(message));
        }

        User = user;
        Message = message;
    }

    public UserAddress User { get; }

    public object Message { get; }
}

/// <summary>
/// The user entity's stop message, used by sharding for hand-off, region shutdown and the entity's own passivation.
/// A user message rather than a kill, so it waits behind a journal write in flight: the entity stops only after its
/// last command was answered.
/// </summary>
public sealed record StopUserEntity
{
    public static StopUserEntity Instance { get; } = new();
}
