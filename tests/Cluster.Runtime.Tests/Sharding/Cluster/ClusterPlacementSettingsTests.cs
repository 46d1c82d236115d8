using Cluster.Runtime.Hocon;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Sharding.Cluster;

namespace Cluster.Runtime.Tests.Sharding.Cluster;

public class ClusterPlacementSettingsTests
{
    [Fact]
    public void Reference_configuration_gives_the_documented_lease_retry_interval()
    {
        var settings = ClusterPlacementSettings.FromConfig(ConfigFactory.FromEmbeddedReferences(typeof(ClusterPlacementSettings).Assembly));
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.LeaseRetryInterval);
        Assert.Equal(ClusterPlacementSettings.Default, settings);
    }

    [Fact]
    public void Zero_lease_retry_interval_is_rejected_naming_the_key()
    {
        var config = ConfigFactory.ParseString("uc.sharding.cluster.lease-retry-interval = 0s").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(ClusterPlacementSettings).Assembly));
        var error = Assert.Throws<ConfigException>(() => ClusterPlacementSettings.FromConfig(config));
        Assert.Contains("uc.sharding.cluster.lease-retry-interval", error.Message);
    }

    [Fact]
    public void Region_path_of_a_member_is_the_well_known_sharding_path_on_its_address()
    {
        Assert.Equal("uc://uc@10.0.0.7:4053/system/sharding/user",
            ActorPathRegionResolver.RegionPath("uc", new NodeAddress("10.0.0.7", 4053), "user"));
        Assert.Equal("uc://uc@10.0.0.7:4053/system/sharding/sip%20flow",
            ActorPathRegionResolver.RegionPath("uc", new NodeAddress("10.0.0.7", 4053), "sip flow"));
    }

    [Fact]
    public void Path_resolver_hands_the_region_path_to_remoting()
    {
        var asked = new List<string>();
        var resolver = new ActorPathRegionResolver("uc", path =>
        {
            asked.Add(path);
            return null;
        });
        Assert.Null(resolver.ResolveRegion(new UniqueAddress(new NodeAddress("node-2", 4053), 42), "call"));
        Assert.Equal(["uc://uc@node-2:4053/system/sharding/call"], asked);
    }
}
