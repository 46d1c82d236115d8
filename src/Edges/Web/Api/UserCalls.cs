using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Serilog;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Sends commands and queries to user entities for the handlers and turns the domain's refusals into client errors:
/// a <see cref="CommandRejected"/> becomes a <see cref="ClientRequestException"/> with a stable code and the
/// domain's reason, and a gateway that does not answer becomes <c>unavailable</c>.
/// </summary>
internal sealed class UserCalls(IUserGateway gateway, ILogger log)
{
    public IUserGateway Gateway { get; } = gateway;

    public async Task<IUserReply> SendAsync(UserAddress user, IUserCommand command, CancellationToken cancellationToken)
    {
        var reply = await Guard(() => Gateway.SendAsync(user, command, cancellationToken), user, command.GetType().Name, cancellationToken).ConfigureAwait(false);
        return reply is CommandRejected rejected ? throw Map(rejected) : reply;
    }

    public async Task<T> QueryAsync<T>(UserAddress user, IUserQuery query, CancellationToken cancellationToken) where T : IUserReply
    {
        var reply = await Guard(() => Gateway.QueryAsync(user, query, cancellationToken), user, query.GetType().Name, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            T expected => expected,
            CommandRejected rejected => throw Map(rejected),
            _ => throw new InvalidOperationException($"{query.GetType().Name} to {user} answered {reply.GetType().Name}, expected {typeof(T).Name}"),
        };
    }

    /// <summary>The client error for a domain refusal.</summary>
    public static ClientRequestException Map(CommandRejected rejected) => new(rejected.Code switch
    {
        UserErrorCode.NotFound or UserErrorCode.NoSuchItem => ApiErrorCodes.NotFound,
        UserErrorCode.Disabled or UserErrorCode.Blocked or UserErrorCode.NoCredentials => ApiErrorCodes.Forbidden,
        UserErrorCode.LimitExceeded => ApiErrorCodes.LimitExceeded,
        UserErrorCode.MailboxFull => ApiErrorCodes.MailboxFull,
        UserErrorCode.TooLarge => ApiErrorCodes.TooLarge,
        UserErrorCode.AlreadyExists or UserErrorCode.OutOfOrder => ApiErrorCodes.Conflict,
        _ => ClientErrorCodes.BadRequest,
    }, rejected.Reason);

    private async Task<IUserReply> Guard(Func<Task<IUserReply>> call, UserAddress user, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            log.Warning(ex, "{Message} to user {User} was not answered", what, user);
            throw new ClientRequestException(ApiErrorCodes.Unavailable, $"the user service did not answer {what} in time; try again");
        }
    }
}
