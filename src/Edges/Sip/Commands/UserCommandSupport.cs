using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Sip.Commands;

/// <summary>Argument parsing and reply checks shared by the user, reg and presence palettes.</summary>
internal static class UserCommandSupport
{
    public static UserAddress Address(CommandInvocation invocation, string argument = "user")
    {
        var text = invocation.Argument(argument);
        return UserAddress.TryParse(text, out var address, out var error)
            ? address
            : throw new CommandUsageException($"'{text}' is not a user address (user@domain): {error}");
    }

    /// <summary>Throws <see cref="CommandFailedException"/> with the entity's reason when it refused.</summary>
    public static T Expect<T>(IUserReply reply, UserAddress user) where T : IUserReply => reply switch
    {
        T expected => expected,
        CommandRejected { Code: UserErrorCode.NotFound } => throw new CommandFailedException($"no such user {user}"),
        CommandRejected rejected => throw new CommandFailedException($"{user}: {rejected.Reason} ({rejected.Code})"),
        _ => throw new CommandFailedException($"{user}: unexpected answer {reply.GetType().Name}"),
    };
}
