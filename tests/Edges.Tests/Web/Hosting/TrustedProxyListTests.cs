using System.Net;
using Cluster.Edges.Web;

namespace Cluster.Edges.Tests.Web.Hosting;

public sealed class TrustedProxyListTests
{
    [Fact]
    public void Empty_list_trusts_nobody_not_even_loopback()
    {
        var list = TrustedProxyList.Parse([]);

        Assert.False(list.Contains(IPAddress.Loopback));
        Assert.False(list.Contains(IPAddress.IPv6Loopback));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    public void Addresses_and_networks_match(string entry, string address, bool trusted)
    {
        Assert.Equal(trusted, TrustedProxyList.Parse([entry]).Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("proxy.example.com")]
    [InlineData("10.0.0.0/33")]
    [InlineData("")]
    public void Bad_entries_name_the_key(string entry)
    {
        var error = Assert.Throws<ArgumentException>(() => TrustedProxyList.Parse([entry]));
        Assert.Contains("uc.web.trusted-proxies", error.Message);
    }
}
