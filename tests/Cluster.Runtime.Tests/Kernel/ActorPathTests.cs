using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class ActorPathTests
{
    [Theory]
    [InlineData("uc://sys/user/a/b")]
    [InlineData("uc://sys@host:4053/user/a")]
    [InlineData("uc://sys@10.0.0.1/user")]
    public void Path_round_trips_through_its_string_form(string text)
    {
        var path = ActorPath.Parse(text);
        Assert.Equal(text, path.ToString());
    }

    [Fact]
    public void Uid_is_carried_by_the_serialization_format_but_not_by_equality()
    {
        var a = ActorPath.Parse("uc://sys/user/a#42");
        var b = ActorPath.Parse("uc://sys/user/a");
        Assert.Equal(42, a.Uid);
        Assert.Equal("uc://sys/user/a#42", a.ToSerializationFormat());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Address_with_host_and_port_is_parsed()
    {
        var path = ActorPath.Parse("uc://sys@node-1:4053/user/a");
        Assert.Equal(new Address("uc", "sys", "node-1", 4053), path.Address);
        Assert.Equal(["user", "a"], path.Elements);
        Assert.False(path.Address.HasLocalScope);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sys/user")]
    [InlineData("uc://-bad/user")]
    [InlineData("uc://sys@host:99999/user")]
    [InlineData("uc://sys/user#notanumber")]
    public void Malformed_paths_are_rejected(string text)
    {
        Assert.False(ActorPath.TryParse(text, out _));
        Assert.ThrowsAny<Exception>(() => ActorPath.Parse(text));
    }

    [Fact]
    public void Child_paths_compose_with_the_slash_operator()
    {
        var root = ActorPath.RootOf(Address.Local("sys"));
        var path = root / "user" / "a";
        Assert.Equal("uc://sys/user/a", path.ToString());
        Assert.Equal("/user/a", path.ToStringWithoutAddress());
        Assert.Throws<ArgumentException>(() => root / "a/b");
    }

    [Fact]
    public void Invalid_system_name_is_rejected_with_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
        Assert.Contains("Invalid actor system name", e.Message);
    }
}
