using System.Net;
using Cluster.Edges;
using Cluster.Edges.Turn;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Tests.Turn;

public class TurnSettingsConfigTests
{
    private static Config WithReference(string hocon) =>
        ConfigFactory.ParseString(hocon, "turn.conf").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(EdgesAssembly).Assembly)).Resolve();

    [Fact]
    public void Reference_defaults_equal_the_record_defaults()
    {
        var read = TurnSettings.FromConfig(WithReference(""));
        var defaults = new TurnSettings();
        Assert.True(read.Enabled);
        Assert.Equal(defaults.Stun, read.Stun);
        Assert.Equal(defaults.Realm, read.Realm);
        Assert.Equal(defaults.CredentialTtl, read.CredentialTtl);
        Assert.Equal(defaults.PasswordAlgorithms, read.PasswordAlgorithms);
        Assert.Equal(defaults.RelayPortMin, read.RelayPortMin);
        Assert.Equal(defaults.RelayPortMax, read.RelayPortMax);
        Assert.Equal(defaults.RelayAddress, read.RelayAddress);
        Assert.Null(read.RelayPublicAddress);
        Assert.Equal(defaults.UserQuota, read.UserQuota);
        Assert.Equal(defaults.TotalQuota, read.TotalQuota);
        Assert.Equal(defaults.Rfc5766Channels, read.Rfc5766Channels);
    }

    [Fact]
    public void Secrets_users_and_addresses_are_read()
    {
        var read = TurnSettings.FromConfig(WithReference("""
            uc.turn {
              listen.port = 0
              auth { secrets = ["s1", "s2"], users { "alice" = "pw" } }
              relay { public-address = "203.0.113.7" }
              peer-policy.allow = ["127.0.0.0/8"]
            }
            """));
        Assert.Equal(["s1", "s2"], read.AuthSecrets);
        Assert.Equal("pw", read.StaticUsers["alice"]);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), read.RelayPublicAddress);
        Assert.Equal(["127.0.0.0/8"], read.PeerAllow);
        Assert.Equal(0, read.Stun.Port);
    }

    [Fact]
    public void Bad_address_names_file_line_and_key()
    {
        var error = Assert.Throws<ConfigException>(() => TurnSettings.FromConfig(WithReference("\n\nuc.turn.relay.address = \"not-an-ip\"")));
        Assert.Contains("turn.conf:3", error.Message);
        Assert.Contains("uc.turn.relay.address", error.Message);
    }
}
