using Cluster.Actors.Users;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Sip.Commands;

/// <summary><c>uc presence show</c>: a user's presence as the user sees it (everything) and who watches it, at which level.</summary>
public static class PresencePalette
{
    public static CommandPalette Create(IUserGateway users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return new CommandPalette("presence", "Presence state and watchers",
        [
            new CommandDefinition("show", "Presence and watchers of one user", async (invocation, output, ct) =>
            {
                var address = UserCommandSupport.Address(invocation);
                var presence = UserCommandSupport.Expect<PresenceReply>(await users.QueryAsync(address, new GetPresence(address), ct), address);
                var watchers = UserCommandSupport.Expect<WatchersReply>(await users.QueryAsync(address, GetWatchers.Instance, ct), address);
                var view = presence.View;
                await output.WriteSectionAsync(address.ToString(),
                [
                    new("availability", view?.Availability.ToString()),
                    new("activity", view?.Activity?.ToString()),
                    new("note", view?.Note),
                    new("until", view?.Until),
                    new("location", view?.Location),
                    new("devices", view?.Devices?.Count ?? 0),
                ]);
                var table = new CommandTable("watcher", "kind", "state", "level", "expires", "node", "subscription") { Title = "Watchers" };
                foreach (var w in watchers.Watchers)
                    table.AddRow(w.WatcherAddress.ToString(), w.Kind.ToString(), w.Access.State.ToString(), w.Access.Level.ToString(), w.ExpiresAt, w.Id.NodeId, w.Id.Token);
                await output.WriteTableAsync(table);
            }, [new CommandArgument("user", "user@domain")]),
        ]);
    }
}
