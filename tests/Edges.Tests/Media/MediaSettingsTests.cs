using System.Net;
using Cluster.Edges.Media;
using Cluster.Edges.Media.Relay;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Tests.Media;

public sealed class MediaSettingsTests
{
    private static Config Reference() => ConfigFactory.FromEmbeddedReferences(typeof(MediaSettings).Assembly);

    [Fact]
    public void Reference_configuration_gives_the_documented_defaults()
    {
        Assert.Equal(MediaSettings.Default, MediaSettings.FromConfig(Reference()));
    }

    [Fact]
    public void Overrides_are_read()
    {
        var config = ConfigFactory.ParseString("""
            uc.media {
              port-range { min = 20000, max = 20999 }
              public-address = "203.0.113.7"
              dscp = off
              latch-mode = "sdp-address"
              relatch.timeout = off
              hold-silence-timeout = off
              quality.max-loss-percent = 1.5
            }
            """).WithFallback(Reference());
        var settings = MediaSettings.FromConfig(config);
        Assert.Equal((20000, 20999, 250), (settings.PortRange.Min, settings.PortRange.Max, settings.SlotCount));
        Assert.Equal(IPAddress.Parse("203.0.113.7"), settings.PublicAddress);
        Assert.Null(settings.Dscp);
        Assert.Equal(LatchMode.SdpAddress, settings.LatchMode);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.RelatchTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.HoldSilenceTimeout);
        Assert.Equal(1.5, settings.Quality.MaxLossPercent);
    }

    [Theory]
    [InlineData("uc.media.latch-mode = sometimes", "uc.media.latch-mode")]
    [InlineData("uc.media.ice = maybe", "uc.media.ice")]
    [InlineData("uc.media.dscp = 64", "uc.media.dscp")]
    [InlineData("uc.media.port-range { min = 30000, max = 30002 }", "uc.media.port-range.max")]
    [InlineData("uc.media.port-range.min = 80", "uc.media.port-range.min")]
    [InlineData("uc.media.public-address = \"not-an-ip\"", "uc.media.public-address")]
    [InlineData("uc.media.public-address = \"0.0.0.0\"", "uc.media.public-address")]
    [InlineData("uc.media.quality.max-loss-percent = 120", "max-loss-percent")]
    [InlineData("uc.media.silence-timeout = 0s", "uc.media.silence-timeout")]
    public void Bad_values_name_their_key(string hocon, string key)
    {
        var config = ConfigFactory.ParseString(hocon).WithFallback(Reference());
        var error = Assert.Throws<ConfigException>(() => MediaSettings.FromConfig(config));
        Assert.Contains(key, error.Message);
    }
}
