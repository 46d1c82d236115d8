using Cluster.Runtime.Kernel;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// What every user entity of a node shares: the pure decider (with <see cref="UserSettings"/>), the actor settings,
/// where effects for edges go, and how to reach other users (the <c>user</c> region, resolved when first needed
/// because the region is created after the props that build its entities).
/// </summary>
/// <param name="Decider">Decides commands and answers queries.</param>
/// <param name="Settings">Snapshots, passivation.</param>
/// <param name="Routers">Node id → that node's <see cref="EdgeEffectRouter"/>.</param>
/// <param name="Users">The <c>user</c> shard region, for <see cref="TellUser"/> effects.</param>
public sealed record UserEntityDependencies(
    UserDecider Decider,
    UserEntitySettings Settings,
    INodeRouterDirectory Routers,
    Func<IActorRef> Users);
