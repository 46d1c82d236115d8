namespace Cluster.Runtime.Remoting;

/// <summary>
/// A node address plus the incarnation uid chosen at start-up. A node restarted at the same host and port is a
/// different incarnation: anything addressed to the old one (watches, pending replies) is gone, which listeners learn
/// from <see cref="IncarnationChanged"/>.
/// </summary>
public sealed record UniqueAddress(NodeAddress Address, long Uid)
{
    public override string ToString() => $"{Address}#{Uid}";
}
