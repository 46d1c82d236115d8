using System.Net;
using Cluster.Edges.Turn.Policy;

namespace Cluster.Edges.Tests.Turn.Policy;

public sealed class PeerAddressPolicyTests
{
    private static readonly PeerAddressPolicy Defaults = PeerAddressPolicy.FromStrings([], []);

    [Theory]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.10.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("0.1.2.3", false)]
    [InlineData("224.0.0.251", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("203.0.113.5", true)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void Default_policy_denies_internal_ranges_and_allows_public_addresses(string address, bool allowed)
    {
        var decision = Defaults.Evaluate(IPAddress.Parse(address));
        Assert.True(decision.Allowed == allowed, $"{address}: expected allowed={allowed}, got {decision.Allowed} ({decision.Reason})");
        Assert.Equal(allowed ? 0 : 403, decision.ErrorCode);
    }

    [Fact]
    public void Metadata_address_is_named_in_the_reason()
    {
        Assert.Contains("metadata", Defaults.Evaluate(IPAddress.Parse("169.254.169.254")).Reason);
    }

    [Fact]
    public void Allow_list_opens_a_denied_range_and_the_deny_list_always_wins()
    {
        var policy = PeerAddressPolicy.FromStrings(["10.20.0.0/16", "fd00::/8"], ["10.20.99.0/24", "8.8.4.4"]);
        Assert.True(policy.Evaluate(IPAddress.Parse("10.20.1.1")).Allowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("10.21.1.1")).Allowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("10.20.99.7")).Allowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("8.8.4.4")).Allowed);
        Assert.True(policy.Evaluate(IPAddress.Parse("fd00::5")).Allowed);
        Assert.Contains("uc.turn.peer-policy.deny", policy.Evaluate(IPAddress.Parse("10.20.99.7")).Reason);
    }

    [Fact]
    public void Without_default_ranges_only_the_deny_list_applies()
    {
        var policy = PeerAddressPolicy.FromStrings([], ["192.168.0.0/16"], denyDefaultRanges: false);
        Assert.True(policy.Evaluate(IPAddress.Parse("10.0.0.1")).Allowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("192.168.0.1")).Allowed);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.1.0.5/16")]
    [InlineData("not-an-address")]
    public void Bad_configuration_entries_are_reported_with_their_setting(string entry)
    {
        var ex = Assert.Throws<FormatException>(() => PeerAddressPolicy.FromStrings([entry], []));
        Assert.Contains("uc.turn.peer-policy.allow", ex.Message);
        Assert.Contains(entry, ex.Message);
    }
}
