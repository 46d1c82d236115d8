using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Transport;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Tests.Sip.Core;

public sealed class SipEdgeSettingsTests
{
    private static Config Reference() => ConfigFactory.FromEmbeddedReferences(typeof(SipEdgeSettings).Assembly);

    [Fact]
    public void Reference_conf_defaults_equal_the_record_defaults()
    {
        // The reference listens on TLS, which needs a certificate path; nothing else is overridden.
        var fromConfig = SipEdgeSettings.FromConfig(ConfigFactory.ParseString("uc.sip.tls.certificate = \"/etc/uc/sip.pfx\"").WithFallback(Reference()));
        var defaults = SipEdgeSettings.Default;

        var t = fromConfig.Transport;
        var d = SipTransportSettings.Default;
        Assert.Equal(d.UdpListen, t.UdpListen);
        Assert.Equal(d.TcpListen, t.TcpListen);
        Assert.Equal(d.TlsListen, t.TlsListen);
        Assert.Equal(d.ClientCertificateMode, t.ClientCertificateMode);
        Assert.Equal(d.TlsProtocols, t.TlsProtocols);
        Assert.Equal(d.TlsVerifyServer, t.TlsVerifyServer);
        Assert.Null(t.AdvertisedHost);
        Assert.Equal(d.MaxConnections, t.MaxConnections);
        Assert.Equal(d.IdleTimeout, t.IdleTimeout);
        Assert.Equal(d.ConnectTimeout, t.ConnectTimeout);
        Assert.Equal(d.UdpQueueSize, t.UdpQueueSize);
        Assert.Equal(d.InboundQueueSize, t.InboundQueueSize);
        Assert.Equal(d.MaxMessageSize, t.MaxMessageSize);
        Assert.Equal(d.MaxHeaderSize, t.MaxHeaderSize);
        Assert.Equal(d.MaxTransactions, t.MaxTransactions);
        Assert.Null(t.FlowTokenKey);
        Assert.Equal(d.Timers, t.Timers);
        Assert.Equal(defaults.Digest, fromConfig.Digest);
        Assert.Equal(defaults.DigestAlgorithms, fromConfig.DigestAlgorithms);
        Assert.Equal(defaults.Registrar, fromConfig.Registrar);
        Assert.Equal(defaults.Presence, fromConfig.Presence);
        Assert.Equal(defaults.Messaging, fromConfig.Messaging);
    }

    [Fact]
    public void Overrides_are_read_and_bad_values_name_the_key()
    {
        var overrides = ConfigFactory.ParseString("""
            uc.sip {
              udp.listen = ["127.0.0.1:5070"]
              tcp.listen = []
              tls.listen = []
              registrar { min-expires = 30s, max-expires = 1h, default-expires = 10m }
              messaging.max-body-size = 4KiB
              auth.realm = "corp.example"
            }
            """);
        var settings = SipEdgeSettings.FromConfig(overrides.WithFallback(Reference()));
        Assert.Equal(5070, Assert.Single(settings.Transport.UdpListen).Port);
        Assert.Empty(settings.Transport.TcpListen);
        Assert.Equal((30, 3600, 600), (settings.Registrar.MinExpiresSeconds, settings.Registrar.MaxExpiresSeconds, settings.Registrar.DefaultExpiresSeconds));
        Assert.Equal(4096, settings.Messaging.MaxBodySize);
        Assert.Equal("corp.example", settings.Digest.Realm);

        var badRange = ConfigFactory.ParseString("uc.sip { tls.listen = [], registrar.default-expires = 10s }").WithFallback(Reference());
        Assert.Contains("uc.sip.registrar.default-expires", Assert.Throws<ConfigException>(() => SipEdgeSettings.FromConfig(badRange)).Message);
        var badAddress = ConfigFactory.ParseString("uc.sip { tls.listen = [], udp.listen = [\"nowhere\"] }").WithFallback(Reference());
        Assert.Contains("uc.sip.udp.listen", Assert.Throws<ConfigException>(() => SipEdgeSettings.FromConfig(badAddress)).Message);
    }
}
