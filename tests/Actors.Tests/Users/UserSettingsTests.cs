using Cluster.Actors.Users;
using Cluster.Runtime.Hocon;

namespace Cluster.Actors.Tests.Users;

public sealed class UserSettingsTests
{
    private static Config Reference() => ConfigFactory.FromEmbeddedReferences(typeof(UserSettings).Assembly);

    [Fact]
    public void Reference_conf_gives_the_documented_defaults()
    {
        var settings = UserSettings.FromConfig(Reference());
        Assert.Equal(UserSettings.Default, settings);
    }

    [Fact]
    public void Overrides_are_read_and_off_realm_means_the_domain()
    {
        var config = ConfigFactory.ParseString("""
            uc.users { password.iterations = 1000, digest-realm = "pbx.example.com", chat.max-body-size = 1KiB, forwarding.default-no-answer = 30s }
            """).WithFallback(Reference());
        var settings = UserSettings.FromConfig(config);
        Assert.Equal(1000, settings.PasswordIterations);
        Assert.Equal("pbx.example.com", settings.DigestRealm);
        Assert.Equal(1024, settings.MaxMessageBytes);
        Assert.Equal(30, settings.DefaultNoAnswerSeconds);
        Assert.Null(UserSettings.FromConfig(Reference()).DigestRealm);
    }

    [Theory]
    [InlineData("uc.users.password.iterations = 10", "uc.users.password.iterations")]
    [InlineData("uc.users.max-bindings = 0", "uc.users.max-bindings")]
    [InlineData("uc.users.forwarding.default-no-answer = 1s", "min-no-answer")]
    public void Out_of_range_values_name_the_key(string hocon, string key)
    {
        var config = ConfigFactory.ParseString(hocon).WithFallback(Reference());
        var error = Assert.Throws<ConfigException>(() => UserSettings.FromConfig(config));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
