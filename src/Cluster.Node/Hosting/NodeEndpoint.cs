namespace Cluster.Node.Hosting;

/// <summary>A socket the node listens on, for the start-up summary and <c>uc node show</c>.</summary>
public sealed record NodeEndpoint(string Name, string Protocol, string Address)
{
    public override string ToString() => $"{Name} {Protocol}://{Address}";
}
