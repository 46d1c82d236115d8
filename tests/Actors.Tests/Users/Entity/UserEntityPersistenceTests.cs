using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Persistence;
using Cluster.TestSupport;

namespace Cluster.Actors.Tests.Users.Entity;

/// <summary>Journaling, recovery, idempotency and snapshots of the user entity, against each journal plugin.</summary>
public abstract class UserEntityPersistenceTests(bool sqlite) : UserEntityTestBase(sqlite)
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    protected override UserEntitySettings EntitySettings => UserEntitySettings.Default with { PassivateIdleAfter = Idle, SnapshotEvery = 5 };

    [Fact]
    public async Task Command_is_journaled_and_the_state_recovers_after_idle_passivation()
    {
        await Create(Alice, "Alice Example");
        await Send<Ack>(Alice, new UpdateProfile(Department: "Sales"));
        Assert.True(await IsActive(Alice));

        Time.Advance(Idle + TimeSpan.FromSeconds(1));
        await Deadline.Until(() => !IsActive(Alice).GetAwaiter().GetResult(), "alice's entity to passivate after being idle", Deadline.Long);

        var profile = await Query<ProfileReply>(Alice, GetProfile.Instance);
        Assert.Equal(UserStatus.Active, profile.Status);
        Assert.Equal("Alice Example", profile.Profile.DisplayName);
        Assert.Equal("Sales", profile.Profile.Department);
        Assert.Equal([typeof(UserCreated), typeof(ProfileUpdated)], (await JournalOf(Alice)).Select(e => e.GetType()));
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_actor_system()
    {
        await Create(Alice, "Alice Example");
        await Send<Ack>(Alice, new SetNote("in Berlin"));

        await RestartAsync();

        var presence = await Query<PresenceReply>(Alice, new GetPresence(Alice));
        Assert.Equal("in Berlin", presence.View!.Note);
    }

    [Fact]
    public async Task Registration_refresh_is_not_journaled_but_binding_changes_are()
    {
        await Create(Alice, "Alice Example");
        var flow = new EdgeEndpoint(NodeId, "flow-1");
        var contact = new ContactUpdate("sip:alice@192.0.2.10:5060", 600, null, null, null, flow, null, "Phone/1.0");
        await Send<BindingsReply>(Alice, new Register("call-1", 1, [contact]));
        var afterAdd = await HighestSequenceNr(Alice);

        var refreshed = await Send<BindingsReply>(Alice, new Register("call-1", 2, [contact]));

        Assert.Single(refreshed.Bindings);
        Assert.Equal(afterAdd, await HighestSequenceNr(Alice));
        await Send<BindingsReply>(Alice, new Register("call-1", 3, [contact with { ExpiresSeconds = 0 }]));
        Assert.Equal(afterAdd + 1, await HighestSequenceNr(Alice));
        Assert.IsType<BindingRemoved>((await JournalOf(Alice))[^1]);
    }

    [Fact]
    public async Task Duplicate_command_id_gets_the_first_reply_after_a_restart()
    {
        var create = new CreateUser("Alice Example") { CommandId = "web-req-1" };
        Assert.IsType<Ack>(await Gateway.SendAsync(Alice, create));
        Assert.IsType<CommandRejected>(await Gateway.SendAsync(Alice, new CreateUser("Alice Again")));

        await RestartAsync();

        var again = await Deadline.Within(Gateway.SendAsync(Alice, create with { DisplayName = "Changed" }), "the resent command's reply", Deadline.Long);
        Assert.IsType<Ack>(again);
        Assert.Equal("Alice Example", (await Query<ProfileReply>(Alice, GetProfile.Instance)).Profile.DisplayName);
        Assert.Single((await JournalOf(Alice)).OfType<UserCreated>());
    }

    [Fact]
    public async Task Snapshot_is_saved_every_n_events_and_recovery_starts_from_it()
    {
        await Create(Alice, "Alice Example");
        for (var i = 1; i <= 6; i++)
        {
            await Send<Ack>(Alice, new SetNote($"note {i}"));
        }

        var pid = UserEntity.PersistenceIdOf(Alice);
        await Deadline.Until(() => Components.SnapshotStore.LoadAsync(pid, new SnapshotSelectionCriteria()).GetAwaiter().GetResult() is not null,
            "a snapshot of alice", Deadline.Long);
        var snapshot = await Components.SnapshotStore.LoadAsync(pid, new SnapshotSelectionCriteria());
        Assert.Equal(5, snapshot!.Metadata.SequenceNr);
        Assert.Equal("note 4", Assert.IsType<UserSnapshot>(snapshot.Snapshot).Note);

        await RestartAsync();

        var presence = await Query<PresenceReply>(Alice, new GetPresence(Alice));
        Assert.Equal("note 6", presence.View!.Note);
    }

    [Fact]
    public async Task Persist_failure_answers_the_sender_with_a_failure_and_the_entity_stops()
    {
        await Create(Alice, "Alice Example");
        var pid = UserEntity.PersistenceIdOf(Alice);
        var next = await HighestSequenceNr(Alice) + 1;
        // Another writer takes the next sequence number (a stale incarnation elsewhere): alice's write must fail.
        var results = await Components.Journal.WriteMessagesAsync(
            [new AtomicWrite(new PersistentRepresentation(new NoteSet("from the other writer"), pid, next, "other-writer"))]);
        Assert.Equal(WriteOutcome.Ok, results[0].Outcome);

        var error = await Assert.ThrowsAsync<UserGatewayException>(() => Gateway.SendAsync(Alice, new SetNote("mine")));

        Assert.Equal(UserGatewayFailure.Unavailable, error.Failure);
        Assert.IsType<UserEntityException>(error.InnerException);
        Assert.Contains("could not store the change", error.Message, StringComparison.Ordinal);
        await Deadline.Until(() => !IsActive(Alice).GetAwaiter().GetResult(), "alice's entity to stop after the failed write", Deadline.Long);
        Assert.Contains(Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Error && LogCapture.Property(e, "EntityId") == Alice.ToString());

        // The next command starts a new incarnation, which recovers the other writer's event and carries on.
        await Send<Ack>(Alice, new SetNote("mine, again"));
        Assert.Equal("mine, again", (await Query<PresenceReply>(Alice, new GetPresence(Alice))).View!.Note);
        Assert.Equal(next + 1, await HighestSequenceNr(Alice));
    }

    [Fact]
    public async Task A_thousand_users_created_through_the_gateway_all_recover()
    {
        var addresses = Enumerable.Range(0, 1000).Select(i => UserAddress.Parse($"user{i:D4}@example.com")).ToList();
        var replies = await Deadline.Within(Task.WhenAll(addresses.Select(a => Gateway.SendAsync(a, new CreateUser($"User {a.User}")))),
            "1000 users to be created", Deadline.Long);
        Assert.All(replies, r => Assert.IsType<Ack>(r));

        await RestartAsync();

        var profiles = await Deadline.Within(Task.WhenAll(addresses.Select(a => Gateway.QueryAsync(a, GetProfile.Instance))),
            "1000 profiles after the restart", Deadline.Long);
        for (var i = 0; i < addresses.Count; i++)
        {
            var profile = Assert.IsType<ProfileReply>(profiles[i]);
            Assert.Equal(UserStatus.Active, profile.Status);
            Assert.Equal($"User {addresses[i].User}", profile.Profile.DisplayName);
        }
    }
}

public sealed class InMemoryUserEntityPersistenceTests() : UserEntityPersistenceTests(sqlite: false);

public sealed class SqliteUserEntityPersistenceTests() : UserEntityPersistenceTests(sqlite: true);
