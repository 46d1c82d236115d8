using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Tests.Users.Entity;

public sealed class UserEntitySettingsTests
{
    private static Config Reference() =>
        ConfigFactory.FromEmbeddedReferences(typeof(UserSettings).Assembly, typeof(ClusterShardingSettings).Assembly);

    [Fact]
    public void Reference_conf_gives_the_documented_defaults()
    {
        Assert.Equal(UserEntitySettings.Default, UserEntitySettings.FromConfig(Reference()));
    }

    [Fact]
    public void Idle_time_defaults_to_the_sharding_value_and_off_disables_snapshots_and_passivation()
    {
        var followsSharding = ConfigFactory.ParseString("uc.sharding.passivate-idle-entity-after = 45s").WithFallback(Reference());
        Assert.Equal(TimeSpan.FromSeconds(45), UserEntitySettings.FromConfig(followsSharding).PassivateIdleAfter);

        var off = ConfigFactory.ParseString("uc.users.entity { snapshot-every = off, passivate-idle-after = off, ask-timeout = 3s }").WithFallback(Reference());
        var settings = UserEntitySettings.FromConfig(off);
        Assert.Null(settings.SnapshotEvery);
        Assert.Null(settings.PassivateIdleAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.AskTimeout);
    }

    [Theory]
    [InlineData("uc.users.entity.snapshot-every = 0", "uc.users.entity.snapshot-every")]
    [InlineData("uc.users.entity.ask-timeout = 0s", "uc.users.entity.ask-timeout")]
    [InlineData("uc.users.directory.max-page-size = 0", "uc.users.directory.max-page-size")]
    public void Bad_values_name_the_key(string hocon, string key)
    {
        var config = ConfigFactory.ParseString(hocon).WithFallback(Reference());
        var error = Assert.Throws<ConfigException>(() => UserEntitySettings.FromConfig(config));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
