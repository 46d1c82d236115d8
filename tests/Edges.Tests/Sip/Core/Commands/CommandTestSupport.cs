using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Commands;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Core.Commands;

/// <summary>
/// The test stand-in for the node's directory projection: a gateway decorator that records users whose CreateUser or
/// RemoveUser the entity acknowledged, as the projection would from the journal.
/// </summary>
internal sealed class RecordingDirectory(IUserGateway inner) : IUserDirectory, IUserGateway
{
    private readonly ConcurrentDictionary<UserAddress, bool> users = new();

    public Task<IReadOnlyList<UserAddress>> ListAsync(string? domain, int limit, UserAddress? after = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UserAddress>>([.. users.Keys.Where(u => (domain is null || u.Domain == domain) && (after is null || u.CompareTo(after.Value) > 0))
            .Order().Take(limit)]);

    public async Task<IUserReply> SendAsync(UserAddress user, IUserCommand command, CancellationToken cancellationToken = default)
    {
        var reply = await inner.SendAsync(user, command, cancellationToken);
        if (reply is Ack && command is CreateUser) users[user] = true;
        if (reply is Ack && command is RemoveUser) users.TryRemove(user, out _);
        return reply;
    }

    public Task<IUserReply> QueryAsync(UserAddress user, IUserQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(user, query, cancellationToken);
}

internal static class PaletteRunner
{
    public static async Task<RecordingOutput> RunAsync(CommandPalette palette, params string[] argv)
    {
        var output = new RecordingOutput();
        var command = palette.FindCommand(argv[0]) ?? throw new InvalidOperationException($"no command {argv[0]} in {palette.Name}");
        await command.Handler(CommandLineParser.Parse(palette.Name, command, argv.Skip(1).ToArray(), false), output, CancellationToken.None);
        return output;
    }
}
