namespace Cluster.Runtime.Tests;

public class SmokeTests
{
    [Fact]
    public void Runtime_assembly_loads() => Assert.Equal("Cluster.Runtime", typeof(Cluster.Runtime.Hocon.Placeholder).Assembly.GetName().Name);
}
