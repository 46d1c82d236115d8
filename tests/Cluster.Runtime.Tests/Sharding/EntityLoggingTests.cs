using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Sharding;

public class EntityLoggingTests
{
    private sealed record Greet(string Id);

    private sealed class LoggingEntity : ReceiveActor
    {
        public LoggingEntity() => Receive<Greet>(g =>
        {
            Log.Information("Greeted {Id}", g.Id);
            Sender.Tell("done");
        });
    }

    [Fact]
    public async Task Entity_log_events_carry_entity_id_actor_path_and_source_context()
    {
        var logs = new LogCapture();
        await using var system = ActorSystem.Create("logging", new ActorSystemSettings { Logger = logs.CreateLogger() });
        var region = ClusterSharding.Get(system).Start("greeter", Props.Create(() => new LoggingEntity()),
            ClusterShardingSettings.Default with { NumberOfShards = 10 }, HashCodeMessageExtractor.Create(10, m => ((Greet)m).Id));

        Assert.Equal("done", await region.Ask<string>(new Greet("alice@example.com"), TimeSpan.FromSeconds(10)));

        var e = Assert.Single(logs.Matching("Greeted"));
        Assert.Equal(new ScalarValue("alice@example.com"), e.Properties["EntityId"]);
        Assert.Equal(new ScalarValue(typeof(LoggingEntity).FullName), e.Properties["SourceContext"]);
        Assert.Contains("/system/sharding/greeter/", ((ScalarValue)e.Properties["ActorPath"]).Value!.ToString());
    }
}
