using Cluster.Actors.Calls;
using Cluster.Actors.Calls.Entity;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Tests.Calls.Entity;

public sealed class CallEntitySettingsTests
{
    private static Config Reference() =>
        ConfigFactory.FromEmbeddedReferences(typeof(CallSettings).Assembly, typeof(ClusterShardingSettings).Assembly);

    [Fact]
    public void Reference_conf_gives_the_documented_defaults()
    {
        var settings = CallEntitySettings.FromConfig(Reference());

        Assert.Equal(CallEntitySettings.Default with { PassivateIdleAfter = ClusterShardingSettings.FromConfig(Reference()).PassivateIdleEntityAfter }, settings);
        Assert.Equal(100, settings.SnapshotEvery);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.LookupTimeout);
    }

    [Fact]
    public void Off_disables_snapshots_and_passivation()
    {
        var off = ConfigFactory.ParseString("uc.calls.entity { snapshot-every = off, passivate-idle-after = off, ask-timeout = 3s }").WithFallback(Reference());

        var settings = CallEntitySettings.FromConfig(off);

        Assert.Null(settings.SnapshotEvery);
        Assert.Null(settings.PassivateIdleAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.AskTimeout);
    }

    [Theory]
    [InlineData("uc.calls.entity.snapshot-every = 0", "uc.calls.entity.snapshot-every")]
    [InlineData("uc.calls.entity.ask-timeout = 0s", "uc.calls.entity.ask-timeout")]
    [InlineData("uc.calls.entity.lookup-timeout = 0s", "uc.calls.entity.lookup-timeout")]
    public void Bad_values_name_the_key(string hocon, string key)
    {
        var config = ConfigFactory.ParseString(hocon).WithFallback(Reference());

        var error = Assert.Throws<ConfigException>(() => CallEntitySettings.FromConfig(config));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
