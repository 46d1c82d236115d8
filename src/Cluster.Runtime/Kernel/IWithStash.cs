namespace Cluster.Runtime.Kernel;

/// <summary>Implemented by actors that stash; the runtime sets <see cref="Stash"/> before PreStart.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}
