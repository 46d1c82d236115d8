using Cluster.Edges.Web;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Tests.Web;

public sealed class WebSettingsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_product_ports()
    {
        var settings = WebSettings.Default.Validate();

        Assert.Equal(7224, settings.HttpPort);
        Assert.Equal(7225, settings.HttpsPort);
        Assert.Empty(settings.TrustedProxies);
    }

    [Fact]
    public void Reference_conf_is_embedded_with_every_documented_key()
    {
        using var stream = typeof(WebSettings).Assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith("Web.reference.conf", StringComparison.Ordinal))
            .Select(n => typeof(WebSettings).Assembly.GetManifestResourceStream(n)!)
            .Single();
        var text = new StreamReader(stream).ReadToEnd();

        foreach (var key in new[] { "http-port", "https-port", "trusted-proxies", "session-token-ttl", "rate-per-address", "lockout-threshold",
                     "max-message-size", "max-messages-per-second", "idle-timeout", "max-connections", "public-base-url", "resume-window" })
            Assert.Contains(key + " =", text);
    }

    [Fact]
    public void Reference_conf_parses_and_its_defaults_equal_the_record_defaults()
    {
        var config = ConfigFactory.FromEmbeddedReferences(typeof(WebSettings).Assembly).GetConfig("uc.web");
        var defaults = WebSettings.Default;

        Assert.Equal(defaults.HttpPort, config.GetInt("http-port"));
        Assert.Equal(defaults.HttpsPort, config.GetInt("https-port"));
        Assert.Equal(defaults.SessionTokenTtl, config.GetTimeSpan("session-token-ttl"));
        Assert.Equal(defaults.SessionTokenMaxLifetime, config.GetTimeSpan("session-token-max-lifetime"));
        Assert.Equal(defaults.LoginRateLimitPerAddress, config.GetInt("login.rate-per-address"));
        Assert.Equal(defaults.LoginRateLimitPerUser, config.GetInt("login.rate-per-user"));
        Assert.Equal(defaults.LoginRateWindow, config.GetTimeSpan("login.rate-window"));
        Assert.Equal(defaults.LockoutThreshold, config.GetInt("login.lockout-threshold"));
        Assert.Equal(defaults.LockoutDuration, config.GetTimeSpan("login.lockout-duration"));
        Assert.Equal(defaults.WebSocketMaxMessageSize, config.GetByteSize("websocket.max-message-size"));
        Assert.Equal(defaults.MaxMessagesPerSecond, config.GetInt("websocket.max-messages-per-second"));
        Assert.Equal(Timeout.InfiniteTimeSpan, config.GetTimeSpan("websocket.idle-timeout", allowInfinite: true));
        Assert.Equal(defaults.MaxConnections, config.GetInt("websocket.max-connections"));
        Assert.Equal(defaults.AuthTimeout, config.GetTimeSpan("websocket.auth-timeout"));
        Assert.Equal(defaults.KeepAliveInterval, config.GetTimeSpan("websocket.keep-alive-interval"));
        Assert.Equal(defaults.KeepAliveTimeout, config.GetTimeSpan("websocket.keep-alive-timeout"));
        Assert.Equal(defaults.ResumeWindow, config.GetTimeSpan("websocket.resume-window"));
        Assert.Equal(defaults.ReplayBufferSize, config.GetInt("websocket.replay-buffer-size"));
        Assert.Equal(defaults.SendQueueLimit, config.GetInt("websocket.send-queue-limit"));
        Assert.Equal(defaults.CloseTimeout, config.GetTimeSpan("websocket.close-timeout"));
        Assert.Equal(defaults.AllowTokenInQuery, config.GetBoolean("websocket.allow-token-in-query"));
        Assert.Empty(config.GetStringList("trusted-proxies"));
    }

    public static TheoryData<WebSettings, string> BadSettings => new()
    {
        { new WebSettings { HttpPort = null, HttpsPort = null }, "both off" },
        { new WebSettings { HttpPort = 70000 }, "uc.web.http-port" },
        { new WebSettings { BindHost = "example.com" }, "uc.web.bind-host" },
        { new WebSettings { TrustedProxies = ["not-an-ip"] }, "uc.web.trusted-proxies" },
        { new WebSettings { SessionTokenTtl = TimeSpan.FromDays(40) }, "uc.web.session-token-max-lifetime" },
        { new WebSettings { LoginRateLimitPerAddress = 0 }, "uc.web.login.rate-per-address" },
        { new WebSettings { WebSocketMaxMessageSize = 10 }, "uc.web.websocket.max-message-size" },
        { new WebSettings { PublicBaseUrl = "ftp://example.com" }, "uc.web.public-base-url" },
        { new WebSettings { SendQueueLimit = 0 }, "uc.web.websocket.send-queue-limit" },
        { new WebSettings { CertificateKeyPath = "/x.key" }, "uc.web.certificate-key-path" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_values_name_their_key(WebSettings settings, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Contains(expected, error.Message);
    }
}

public sealed class WebSettingsConfigTests
{
    private static Config WithReference(string hocon) =>
        ConfigFactory.ParseString(hocon, "web.conf").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(WebSettings).Assembly)).Resolve();

    [Fact]
    public void FromConfig_of_the_reference_equals_the_record_defaults()
    {
        var read = WebSettings.FromConfig(WithReference(""));
        Assert.Equal(WebSettings.Default with { TrustedProxies = read.TrustedProxies }, read);
        Assert.Empty(read.TrustedProxies);
    }

    [Fact]
    public void Off_ports_and_proxies_are_read()
    {
        var read = WebSettings.FromConfig(WithReference("uc.web { https-port = off, http-port = 0, trusted-proxies = [\"10.0.0.0/8\"] }"));
        Assert.Null(read.HttpsPort);
        Assert.Equal(0, read.HttpPort);
        Assert.Equal(["10.0.0.0/8"], read.TrustedProxies);
    }

    [Fact]
    public void Bad_value_names_file_line_and_key()
    {
        var error = Assert.Throws<ConfigException>(() => WebSettings.FromConfig(WithReference("\nuc.web.http-port = 70000")));
        Assert.Contains("web.conf:2", error.Message);
        Assert.Contains("uc.web.http-port", error.Message);
    }
}
