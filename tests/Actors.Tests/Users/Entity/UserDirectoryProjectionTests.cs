using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.TestSupport;

namespace Cluster.Actors.Tests.Users.Entity;

/// <summary>The user-directory read model follows the journal's profile events, from the start and then live.</summary>
public abstract class UserDirectoryProjectionTests(bool sqlite) : UserEntityTestBase(sqlite)
{
    private static readonly UserAddress Carol = UserAddress.Parse("carol@example.com");
    private static readonly UserAddress Dave = UserAddress.Parse("dave@partner.org");

    protected override UserEntitySettings EntitySettings => UserEntitySettings.Default with { MaxPageSize = 2 };

    [Fact]
    public async Task Lists_created_users_and_follows_new_ones_live()
    {
        await Create(Alice, "Alice Example");
        await Create(Bob, "Bob Builder");
        await Create(Carol, "Carol Example");
        await Deadline.Until(() => Users.Directory.Count == 3, "the directory to list the three users created", Deadline.Long);

        var all = Users.Directory.List(pageSize: 10);
        Assert.Equal([Alice, Bob], all.Users.Select(u => u.Address));
        Assert.Equal(2, all.PageSize);
        Assert.Equal(3, all.Total);
        Assert.True(all.HasMore);
        Assert.Equal([Carol], Users.Directory.List(page: 1, pageSize: 2).Users.Select(u => u.Address));
        Assert.Equal([Bob], Users.Directory.List("BOB").Users.Select(u => u.Address));
        Assert.Equal([Carol], Users.Directory.List("carol ex").Users.Select(u => u.Address));

        await Create(Dave, "Dave Partner");
        await Send<Ack>(Bob, new UpdateProfile(DisplayName: "Robert Builder"));
        await Send<Ack>(Alice, new SetUserDisabled(true));
        await Send<Ack>(Carol, new RemoveUser());

        await Deadline.Until(() => Users.Directory.Count == 3 && Users.Directory.List("dave").Total == 1 && Users.Directory.List("robert").Total == 1,
            "the directory to follow the creation of dave, bob's new name and carol's removal", Deadline.Long);
        Assert.True(Users.Directory.List("alice").Users.Single().Disabled);
        Assert.Equal(0, Users.Directory.List("carol").Total);
    }

    [Fact]
    public async Task Is_rebuilt_from_the_journal_after_a_restart_and_ignores_non_directory_events()
    {
        await Create(Alice, "Alice Example");
        await Send<Ack>(Alice, new SetNote("untagged"));
        await Create(Bob, "Bob Builder");
        await Deadline.Until(() => Users.Directory.Count == 2, "the directory to list alice and bob", Deadline.Long);
        var offset = Users.Directory.Offset;

        await RestartAsync();

        await Deadline.Until(() => Users.Directory.Count == 2, "the new directory to list alice and bob again", Deadline.Long);
        Assert.Equal(offset, Users.Directory.Offset);
        Assert.Equal(["Alice Example", "Bob Builder"], Users.Directory.List().Users.Select(u => u.DisplayName));
    }

    [Fact]
    public void Refuses_a_negative_page()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Users.Directory.List(page: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Users.Directory.List(pageSize: 0));
    }
}

public sealed class InMemoryUserDirectoryProjectionTests() : UserDirectoryProjectionTests(sqlite: false);

public sealed class SqliteUserDirectoryProjectionTests() : UserDirectoryProjectionTests(sqlite: true);
