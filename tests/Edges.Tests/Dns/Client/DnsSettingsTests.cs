using System.Net;
using Cluster.Edges.Dns;

namespace Cluster.Edges.Tests.Dns.Client;

public sealed class DnsSettingsTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1:53")]
    [InlineData("192.0.2.1:5353", "192.0.2.1:5353")]
    [InlineData("2001:db8::1", "[2001:db8::1]:53")]
    [InlineData("[2001:db8::1]:5353", "[2001:db8::1]:5353")]
    public void Server_entries_parse_with_default_port_53(string text, string expected)
    {
        Assert.Equal(expected, DnsSettings.ParseServer(text).ToString());
    }

    [Fact]
    public void Bad_server_entry_names_the_key()
    {
        var e = Assert.Throws<ArgumentException>(() => DnsSettings.ParseServer("dns.example.test"));

        Assert.Contains("uc.dns.servers", e.Message);
    }

    [Fact]
    public void Bad_values_are_rejected_naming_the_key()
    {
        Assert.Contains("uc.dns.attempts", Assert.Throws<ArgumentException>(() => new DnsSettings { Attempts = 0 }.Validate()).Message);
        Assert.Contains("uc.dns.timeout", Assert.Throws<ArgumentException>(() => new DnsSettings { Timeout = TimeSpan.Zero }.Validate()).Message);
        Assert.Contains("uc.dns.udp-payload-size", Assert.Throws<ArgumentException>(() => new DnsSettings { UdpPayloadSize = 100 }.Validate()).Message);
        Assert.Contains("uc.dns.ipv4", Assert.Throws<ArgumentException>(() => new DnsSettings { UseIpv4 = false, UseIpv6 = false }.Validate()).Message);
        Assert.Contains("port 0", Assert.Throws<ArgumentException>(() => new DnsSettings { Servers = [new IPEndPoint(IPAddress.Loopback, 0)] }.Validate()).Message);
    }

    [Fact]
    public void Reference_conf_is_embedded_and_lists_every_setting()
    {
        var assembly = typeof(DnsSettings).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Dns.reference.conf", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        var text = reader.ReadToEnd();

        foreach (var key in new[] { "servers", "resolv-conf", "timeout", "attempts", "udp-payload-size", "cache-size", "max-ttl", "max-negative-ttl", "max-cname-chain", "ipv4", "ipv6", "prefer-ipv6" })
            Assert.Matches($@"(?m)^\s*{key} = ", text);
        // Every key has a comment line right above it.
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        for (var i = 0; i < lines.Length; i++)
            if (!lines[i].StartsWith('#') && lines[i].Contains(" = ", StringComparison.Ordinal))
                Assert.StartsWith("#", lines[i - 1]);
    }
}
