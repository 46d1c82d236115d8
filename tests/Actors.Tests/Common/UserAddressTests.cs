using Cluster.Actors.Common;

namespace Cluster.Actors.Tests.Common;

public sealed class UserAddressTests
{
    [Fact]
    public void Parse_lower_cases_both_parts_so_one_user_has_one_entity_id()
    {
        Assert.Equal(UserAddress.Parse("alice@example.com"), UserAddress.Parse("Alice@EXAMPLE.com"));
        Assert.Equal("alice@example.com", UserAddress.Parse("Alice@Example.COM").ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("alice", "user@domain")]
    [InlineData("@example.com", "user@domain")]
    [InlineData("alice@", "user@domain")]
    [InlineData("a@b@c", "user@domain")]
    [InlineData("sip:alice@example.com", "scheme")]
    [InlineData("alice@example.com;transport=tls", "';'")]
    [InlineData("al ice@example.com", "character")]
    [InlineData("alice@example..com", "invalid domain")]
    public void Invalid_addresses_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.False(UserAddress.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => UserAddress.Parse(text));
    }

    [Fact]
    public void Same_domain_compares_domains_only()
    {
        Assert.True(UserAddress.Parse("a@x.com").SameDomainAs(UserAddress.Parse("b@X.com")));
        Assert.False(UserAddress.Parse("a@x.com").SameDomainAs(UserAddress.Parse("a@y.com")));
    }

    [Fact]
    public void Default_address_is_empty()
    {
        Assert.True(default(UserAddress).IsEmpty);
        Assert.Equal(string.Empty, default(UserAddress).ToString());
    }
}
