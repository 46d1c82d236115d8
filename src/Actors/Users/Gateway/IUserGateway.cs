using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// How an edge reaches a user's entity wherever it lives. The node provides the sharded implementation (an Ask to the
/// <c>user</c> shard region); edges depend only on this, so they are tested without a cluster.
/// </summary>
public interface IUserGateway
{
    /// <summary>Sends a command and waits for the entity's reply (after its events are journaled).</summary>
    Task<IUserReply> SendAsync(UserAddress user, IUserCommand command, CancellationToken cancellationToken = default);

    /// <summary>Asks a read-only question.</summary>
    Task<IUserReply> QueryAsync(UserAddress user, IUserQuery query, CancellationToken cancellationToken = default);
}
