using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Tests.Remoting.Actors;

public class RemoteActorSettingsConfigTests
{
    private static Config WithReference(string hocon) =>
        ConfigFactory.ParseString(hocon, "test.conf").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(ActorSystem).Assembly)).Resolve();

    [Fact]
    public void Reference_configuration_gives_the_documented_defaults()
    {
        var settings = RemoteActorSettings.FromConfig(WithReference(""));

        Assert.Equal(RemotingSettings.Default, settings.Transport);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.AddressTerminatedAfter);
        Assert.Equal(10_000, settings.ResolveCacheSize);
    }

    [Fact]
    public void Overrides_are_read_from_uc_remote_and_uc_remote_actor()
    {
        var settings = RemoteActorSettings.FromConfig(WithReference("""
            uc.remote { bind-port = 0, maximum-frame-size = 1 MiB, actor.address-terminated-after = 3s }
            """));

        Assert.Equal((0, 1024 * 1024), (settings.Transport.BindPort, settings.Transport.MaxFrameSize));
        Assert.Equal(TimeSpan.FromSeconds(3), settings.AddressTerminatedAfter);
    }

    [Fact]
    public void Invalid_value_is_refused_naming_the_key()
    {
        var error = Assert.Throws<ConfigException>(() => RemoteActorSettings.FromConfig(WithReference("uc.remote.actor.resolve-cache-size = 2")));
        Assert.Contains("uc.remote.actor.resolve-cache-size", error.Message);
    }

    [Fact]
    public void System_name_must_match_the_transport_system_name()
    {
        var error = Assert.Throws<ArgumentException>(() => RemoteActorSystem.Create("other", RemoteSystems.Settings()));
        Assert.Contains("uc.remote.system-name", error.Message);
    }
}
