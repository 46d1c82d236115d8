namespace Cluster.Runtime.Kernel;

/// <summary>A reference that knows its actor system (dead letters, remote references) so that Ask can use it.</summary>
internal interface IHasActorSystem
{
    ActorSystem System { get; }
}
