using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Node.Hosting;
using Cluster.Node.Tests.Hosting;
using Cluster.Runtime.Logging;
using Cluster.Runtime.Persistence;
using Cluster.TestSupport;

namespace Cluster.Node.Tests.Users;

/// <summary>
/// The node's real wiring (NodeComponents, its configuration, its SQLite file in the data directory), run in this
/// process: users created through the node's gateway survive a clean stop and a new start on the same data directory.
/// </summary>
public sealed class NodeUsersTests
{
    private static readonly UserAddress[] Created = Enumerable.Range(0, 50).Select(i => UserAddress.Parse($"user{i:D2}@example.com")).ToArray();

    [Fact]
    public async Task Users_created_through_the_node_survive_a_clean_restart_on_the_same_data_directory()
    {
        using var fixture = new NodeFixture("users-node", "uc.users.password.iterations = 1000");
        var configuration = NodeConfiguration.Load([fixture.ConfigPath]);
        var settings = NodeSettings.FromConfig(configuration.Config);
        using var logging = LoggingSetup.Create(LoggingSettings.FromConfig(configuration.Config), settings.Name);

        var node = await NodeComponents.StartAsync(configuration, settings, logging);
        try
        {
            Assert.Equal("users-node", node.Users.NodeId);
            await Deadline.Within(Task.WhenAll(Created.Select(u => node.Users.Gateway.SendAsync(u, new CreateUser($"User {u.User}")))),
                "the node to create 50 users", Deadline.Long);
            Assert.IsType<Ack>(await node.Users.Gateway.SendAsync(Created[0], new SetPassword("correct horse battery")));
        }
        finally
        {
            await Deadline.Within(node.StopAsync(), "the node to stop", Deadline.Long);
        }

        // The stopped node flushed and closed its journal: the events are in the file, read with a journal of our own.
        var journalFile = Path.Combine(fixture.DataDirectory, "persistence.db");
        await using (var store = await PersistencePlugins.CreateAsync(PersistenceSettings.ForSqlite(journalFile), NodePersistence.CreateRegistry(),
                         Serilog.Core.Logger.None))
        {
            var ids = new List<string>();
            await foreach (var id in store.ReadJournal.CurrentPersistenceIds())
            {
                ids.Add(id);
            }

            Assert.Equal(Created.Select(UserEntity.PersistenceIdOf).Order(StringComparer.Ordinal), ids);
        }

        var again = await NodeComponents.StartAsync(configuration, settings, logging);
        try
        {
            foreach (var user in Created)
            {
                var profile = Assert.IsType<ProfileReply>(await Deadline.Within(again.Users.Gateway.QueryAsync(user, GetProfile.Instance), $"{user}'s profile", Deadline.Long));
                Assert.Equal(UserStatus.Active, profile.Status);
                Assert.Equal($"User {user.User}", profile.Profile.DisplayName);
            }

            var check = Assert.IsType<PasswordCheckReply>(await again.Users.Gateway.QueryAsync(Created[0], new VerifyPassword("correct horse battery")));
            Assert.True(check.Valid);
            await Deadline.Until(() => again.Users.Directory.Count == Created.Length, "the restarted node's directory to list every user", Deadline.Long);
            Assert.Equal(Created.Take(10), again.Users.Directory.List(pageSize: 10).Users.Select(u => u.Address));
        }
        finally
        {
            await Deadline.Within(again.StopAsync(), "the restarted node to stop", Deadline.Long);
        }
    }
}
