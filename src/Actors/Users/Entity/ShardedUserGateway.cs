using Cluster.Actors.Common;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// The node's <see cref="IUserGateway"/>: an Ask to the <c>user</c> shard region, wherever the entity lives. Every way
/// of getting no answer (timeout, the region rejecting the message, the entity failing to journal) surfaces as one
/// <see cref="UserGatewayException"/> whose <see cref="UserGatewayFailure"/> tells the edge which status to send.
/// </summary>
public sealed class ShardedUserGateway : IUserGateway
{
    private readonly IActorRef region;
    private readonly TimeSpan askTimeout;

    public ShardedUserGateway(IActorRef region, TimeSpan askTimeout)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (askTimeout <= TimeSpan.Zero && askTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(askTimeout), askTimeout, "the ask timeout must be positive");
        }

        this.region = region;
        this.askTimeout = askTimeout;
    }

    public Task<IUserReply> SendAsync(UserAddress user, IUserCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AskAsync(user, command, command.GetType().Name, cancellationToken);
    }

    public Task<IUserReply> QueryAsync(UserAddress user, IUserQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return AskAsync(user, query, query.GetType().Name, cancellationToken);
    }

    private async Task<IUserReply> AskAsync(UserAddress user, object message, string what, CancellationToken cancellationToken)
    {
        if (user.IsEmpty)
        {
            throw new ArgumentException("the user address is empty", nameof(user));
        }

        try
        {
            return await region.Ask<IUserReply>(new UserEnvelope(user, message), askTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new UserGatewayException(user, UserGatewayFailure.Timeout,
                $"user {user} did not answer {what} within {askTimeout.TotalSeconds:0.###}s", e);
        }
        catch (ShardDeliveryException e)
        {
            throw new UserGatewayException(user, UserGatewayFailure.Unavailable, $"user {user} is unavailable: {e.Message}", e);
        }
        catch (UserEntityException e)
        {
            throw new UserGatewayException(user, e.IsTransient ? UserGatewayFailure.Unavailable : UserGatewayFailure.Failed, e.Message, e);
        }
        catch (InvalidCastException e)
        {
            throw new UserGatewayException(user, UserGatewayFailure.Failed, $"user {user} answered {what} with something that is not a reply: {e.Message}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UserGatewayException(user, UserGatewayFailure.Failed, $"user {user} failed to answer {what}: {e.Message}", e);
        }
    }
}
