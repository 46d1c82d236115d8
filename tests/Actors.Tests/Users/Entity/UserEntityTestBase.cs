using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Sharding;
using Cluster.TestSupport;
using PersistenceExtension = Cluster.Runtime.Persistence.Persistence;

namespace Cluster.Actors.Tests.Users.Entity;

/// <summary>
/// A "node" for user-entity tests: an actor system on a manual clock with persistence (in-memory, or a SQLite file of
/// its own) and the <see cref="UsersModule"/>. <see cref="RestartAsync"/> terminates the system (regions passivate
/// their entities) and starts a fresh one on the same store; for SQLite the journal is closed and opened again, so
/// only what reached the file survives.
/// </summary>
public abstract class UserEntityTestBase : IAsyncLifetime
{
    public const string NodeId = "node-a";

    public static readonly UserAddress Alice = UserAddress.Parse("alice@example.com");
    public static readonly UserAddress Bob = UserAddress.Parse("bob@example.com");

    private readonly bool sqlite;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "uc-users-" + Guid.NewGuid().ToString("N")[..12]);
    private bool running;

    protected UserEntityTestBase(bool sqlite)
    {
        this.sqlite = sqlite;
    }

    protected ManualTimeProvider Time { get; } = new();

    protected LogCapture Logs { get; } = new();

    protected RecordingSink Sink { get; } = new(NodeId);

    protected PersistenceComponents Components { get; private set; } = null!;

    protected ActorSystem Sys { get; private set; } = null!;

    protected UsersModule Users { get; private set; } = null!;

    protected IUserGateway Gateway => Users.Gateway;

    /// <summary>Fast password hashing; everything else as shipped.</summary>
    protected virtual UserSettings UserSettings => UserSettings.Default with { PasswordIterations = 1000 };

    protected virtual UserEntitySettings EntitySettings => UserEntitySettings.Default;

    protected virtual ClusterShardingSettings ShardingSettings => ClusterShardingSettings.Default with { NumberOfShards = 100 };

    public async Task InitializeAsync()
    {
        if (sqlite)
        {
            System.IO.Directory.CreateDirectory(directory);
        }

        Components = await OpenStoreAsync();
        Start();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        await Components.DisposeAsync();
        if (sqlite && System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Terminates the system (entities passivate, the journal is flushed) and starts a new one on the same store.</summary>
    protected async Task RestartAsync()
    {
        await StopAsync();
        if (sqlite)
        {
            await Components.DisposeAsync();
            Components = await OpenStoreAsync();
        }

        Start();
    }

    protected static SerializerRegistry CreateRegistry() => UsersModule.RegisterManifests(new SerializerRegistry(DomainJson.Options));

    protected async Task<T> Send<T>(UserAddress user, IUserCommand command) where T : IUserReply
    {
        var reply = await Deadline.Within(Gateway.SendAsync(user, command), $"{user} to answer {command.GetType().Name}", Deadline.Long);
        return Assert.IsType<T>(reply);
    }

    protected async Task<T> Query<T>(UserAddress user, IUserQuery query) where T : IUserReply
    {
        var reply = await Deadline.Within(Gateway.QueryAsync(user, query), $"{user} to answer {query.GetType().Name}", Deadline.Long);
        return Assert.IsType<T>(reply);
    }

    protected Task<Ack> Create(UserAddress user, string displayName) => Send<Ack>(user, new CreateUser(displayName));

    /// <summary>What the journal holds for a user, in order.</summary>
    protected async Task<List<IUserEvent>> JournalOf(UserAddress user)
    {
        var events = new List<IUserEvent>();
        await foreach (var envelope in Components.ReadJournal.CurrentEventsByPersistenceId(UserEntity.PersistenceIdOf(user)))
        {
            events.Add(Assert.IsAssignableFrom<IUserEvent>(envelope.Event));
        }

        return events;
    }

    protected Task<long> HighestSequenceNr(UserAddress user) =>
        Components.Journal.ReadHighestSequenceNrAsync(UserEntity.PersistenceIdOf(user));

    /// <summary>Whether the user's entity is running now (asks the region; starts nothing).</summary>
    protected async Task<bool> IsActive(UserAddress user)
    {
        var location = await Deadline.Within(Users.Region.Ask<EntityLocation>(new GetEntityLocation(user.ToString()), Timeout.InfiniteTimeSpan),
            $"the location of {user}", Deadline.Long);
        return location.IsActive;
    }

    /// <summary>The SQLite file of this test (sqlite tests only).</summary>
    protected string JournalFile => Path.Combine(directory, "journal.db");

    /// <summary>Lets a test change the store's settings (e.g. a short SQLite busy timeout).</summary>
    protected virtual PersistenceSettings AdjustStore(PersistenceSettings settings) => settings;

    private async Task<PersistenceComponents> OpenStoreAsync() =>
        await PersistencePlugins.CreateAsync(
            AdjustStore(sqlite ? PersistenceSettings.ForSqlite(JournalFile) : PersistenceSettings.InMemory),
            CreateRegistry(), Logs.CreateLogger(), Time);

    private void Start()
    {
        Sys = ActorSystem.Create("uc", ActorSystemSettings.Default with { TimeProvider = Time, Logger = Logs.CreateLogger() });
        PersistenceExtension.Register(Sys, Components, CreateRegistry());
        Users = UsersModule.Start(Sys, new UsersModuleOptions(NodeId)
        {
            UserSettings = UserSettings,
            EntitySettings = EntitySettings,
            ShardingSettings = ShardingSettings,
        });
        Users.RegisterSink(Sink);
        running = true;
    }

    private async Task StopAsync()
    {
        if (!running)
        {
            return;
        }

        running = false;
        await Deadline.Within(Sys.Terminate(), "the actor system to terminate", Deadline.Long);
    }
}
