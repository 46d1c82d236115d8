using Cluster.Runtime.Hocon;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Membership;

public sealed class ClusterSettingsTests
{
    private static Config WithReference(string overrides) =>
        ConfigFactory.ParseString(overrides, "node.conf").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(ClusterSettings).Assembly)).Resolve();

    [Fact]
    public void Reference_defaults_load_and_match_the_record_defaults()
    {
        var settings = ClusterSettings.FromConfig(WithReference("uc.persistence.journal.connection-string = \"Host=db\""));
        Assert.Equal("Host=db", settings.ConnectionString);
        Assert.Equal(ClusterSettings.Default with { ConnectionString = "Host=db" }, settings);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), settings.SelfFenceTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.DownAfter);
        Assert.Equal(TimeSpan.FromSeconds(6), settings.LeaseTtl);
    }

    [Theory]
    [InlineData("uc.cluster.self-fence-timeout = 1s", "uc.cluster.self-fence-timeout", "uc.cluster.heartbeat-interval")]
    [InlineData("uc.cluster.down-after = 4500ms", "uc.cluster.down-after", "uc.cluster.self-fence-timeout + uc.cluster.heartbeat-interval")]
    [InlineData("uc.cluster.unreachable-after = 8s", "uc.cluster.unreachable-after", "uc.cluster.down-after")]
    [InlineData("uc.cluster.operation-timeout = 4s", "uc.cluster.operation-timeout", "uc.cluster.self-fence-timeout")]
    [InlineData("uc.cluster.lease-ttl = 2500ms", "uc.cluster.lease-ttl", "2 * uc.cluster.lease-renew-interval + uc.cluster.lease-safety-margin")]
    [InlineData("uc.cluster.schema = \"bad-name\"", "uc.cluster.schema", "not a valid SQL identifier")]
    public void Badly_ordered_timeouts_are_rejected_naming_the_keys(string line, string key, string mentions)
    {
        var error = Assert.Throws<ConfigException>(() => ClusterSettings.FromConfig(WithReference(line)));
        Assert.Contains($"key '{key}'", error.Message);
        Assert.Contains(mentions, error.Message);
        Assert.StartsWith("node.conf:", error.Message);
    }

    [Fact]
    public void Validate_rejects_a_programmatic_bad_order_naming_the_keys()
    {
        var error = Assert.Throws<ConfigException>(() => (ClusterSettings.Default with { DownAfter = TimeSpan.FromSeconds(4) }).Validate());
        Assert.Equal("key 'uc.cluster.down-after': must be at least uc.cluster.self-fence-timeout + uc.cluster.heartbeat-interval (4s + 1s) but is 4s: " +
                     "other nodes could take the shards of a cut-off node before it has fenced itself", error.Message);
    }

    [Fact]
    public void Empty_app_version_means_the_assembly_version()
    {
        Assert.False(string.IsNullOrEmpty(ClusterSettings.Default.EffectiveAppVersion));
        Assert.Equal("2.0.1", (ClusterSettings.Default with { AppVersion = "2.0.1" }).EffectiveAppVersion);
    }
}
