using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Sharding.Support;

/// <summary>
/// An actor system for one sharding test: its log goes to a <see cref="LogCapture"/>, its dead letters are
/// collected, and it is terminated on dispose.
/// </summary>
internal sealed class ShardingTestSystem : IAsyncDisposable
{
    public const string TypeName = "counter";

    public ShardingTestSystem(string name = "sharding", TimeProvider? time = null)
    {
        Log = new LogCapture(LogEventLevel.Debug);
        System = ActorSystem.Create(name, new ActorSystemSettings
        {
            Logger = Log.Logger,
            TimeProvider = time ?? TimeProvider.System,
            ShutdownDefaultPhaseTimeout = TimeSpan.FromSeconds(10),
        });
        DeadLetterSink = System.ActorOf(Props.Create(() => new DeadLetterCollector(DeadLetters)), "dead-letter-collector");
        System.EventStream.Subscribe<DeadLetter>(DeadLetterSink);
    }

    public ActorSystem System { get; }
    public LogCapture Log { get; }
    public ObservedList<DeadLetter> DeadLetters { get; } = new();
    public ClusterSharding Sharding => ClusterSharding.Get(System);
    public EntityProbe Probe { get; } = new();
    private IActorRef DeadLetterSink { get; }

    /// <summary>Settings for tests: few shards, no idle passivation unless asked for.</summary>
    public static ClusterShardingSettings Settings(int shards = 10) =>
        ClusterShardingSettings.Default with { NumberOfShards = shards, PassivateIdleEntityAfter = null };

    public static HashCodeMessageExtractor Extractor(int shards = 10) =>
        HashCodeMessageExtractor.Create(shards, m => (m as IHasEntityId)?.EntityId);

    /// <summary>Starts the test type with <see cref="TestEntity"/> entities reporting to <paramref name="probe"/> (default: this system's).</summary>
    public IActorRef StartCounter(ClusterShardingSettings? settings = null, IShardLocator? locator = null, EntityProbe? probe = null,
        object? handOffStopMessage = null)
    {
        settings ??= Settings();
        var p = probe ?? Probe;
        return Sharding.Start(TypeName, id => TestEntity.PropsFor(id, p), settings, Extractor(settings.NumberOfShards),
            handOffStopMessage ?? StopEntity.Instance, locator);
    }

    public ValueTask DisposeAsync() => System.DisposeAsync();

    private sealed class DeadLetterCollector(ObservedList<DeadLetter> into) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not DeadLetter d) return false;
            into.Add(d);
            return true;
        }
    }
}
