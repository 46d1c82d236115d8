using Cluster.Runtime.Hocon;
using Cluster.Runtime.Sharding;

namespace Cluster.Runtime.Tests.Sharding;

public class ClusterShardingSettingsTests
{
    private static ClusterShardingSettings Load(string text = "") =>
        ClusterShardingSettings.FromConfig(ConfigFactory.ParseString(text, "node.conf")
            .WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(ClusterShardingSettings).Assembly)));

    [Fact]
    public void Reference_conf_matches_the_code_defaults()
    {
        var loaded = Load();
        Assert.Equal(ClusterShardingSettings.Default, loaded with { EntitySupervisorStrategy = ClusterShardingSettings.Default.EntitySupervisorStrategy });
        Assert.Equal(1000, loaded.NumberOfShards);
        Assert.Equal(100_000, loaded.BufferSize);
        Assert.Equal(TimeSpan.FromMinutes(2), loaded.PassivateIdleEntityAfter);
        Assert.Null(loaded.Role);
        Assert.Null(loaded.EntityRestartBackoff);
    }

    [Fact]
    public void Overrides_and_off_values_are_read()
    {
        var settings = Load("""
            uc.sharding {
              role = presence
              number-of-shards = 64
              passivate-idle-entity-after = off
              buffer-size = 500
              hand-off-timeout = 5s
              shard-start-timeout = 3s
              retry-interval = 250ms
              shard-region-query-timeout = 1s
              entity-restart-backoff = 10s
            }
            """);
        Assert.Equal("presence", settings.Role);
        Assert.Equal(64, settings.NumberOfShards);
        Assert.Null(settings.PassivateIdleEntityAfter);
        Assert.Equal(500, settings.BufferSize);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.HandOffTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.ShardStartTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.RetryInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.ShardRegionQueryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.EntityRestartBackoff);
        settings.Validate();
    }

    [Theory]
    [InlineData("uc.sharding.number-of-shards = 0", "uc.sharding.number-of-shards", "between 1 and 100000")]
    [InlineData("uc.sharding.buffer-size = -1", "uc.sharding.buffer-size", "between 1 and")]
    [InlineData("uc.sharding.hand-off-timeout = 0s", "uc.sharding.hand-off-timeout", "positive duration")]
    [InlineData("uc.sharding.passivate-idle-entity-after = 0s", "uc.sharding.passivate-idle-entity-after", "positive duration or off")]
    [InlineData("uc.sharding.role = \"\"", "uc.sharding.role", "must not be empty")]
    public void Invalid_values_name_the_key_and_the_file(string text, string key, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Load(text));
        Assert.Equal(key, error.Path);
        Assert.Contains(problem, error.Message);
        Assert.Contains("node.conf", error.Message);
    }

    [Fact]
    public void Every_reference_key_is_known_to_the_validator()
    {
        var reference = ConfigFactory.FromEmbeddedReferences(typeof(ClusterShardingSettings).Assembly);
        Assert.Empty(ConfigValidator.FindUnknownKeys(ConfigFactory.ParseString("uc.sharding.buffer-size = 10"), reference));
        Assert.Single(ConfigValidator.FindUnknownKeys(ConfigFactory.ParseString("uc.sharding.bufer-size = 10"), reference));
    }

    [Fact]
    public void Validate_rejects_values_built_in_code()
    {
        Assert.Contains("number-of-shards", Assert.Throws<ArgumentException>(() => (ClusterShardingSettings.Default with { NumberOfShards = 100_001 }).Validate()).Message);
        Assert.Contains("retry-interval", Assert.Throws<ArgumentException>(() => (ClusterShardingSettings.Default with { RetryInterval = TimeSpan.Zero }).Validate()).Message);
        Assert.Contains("entity-restart-backoff", Assert.Throws<ArgumentException>(() => (ClusterShardingSettings.Default with { EntityRestartBackoff = TimeSpan.FromSeconds(-1) }).Validate()).Message);
    }
}
