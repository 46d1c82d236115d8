using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// What every call entity of a node shares: the pure decider (with <see cref="CallSettings"/>, entropy and the SDP hook),
/// the actor settings, where SIP and push effects go (node id → that node's <see cref="CallEffectRouter"/>), the node
/// that routes legs without a flow (URI-routed legs), and the users (targets and call reports).
/// </summary>
/// <param name="Decider">Decides commands.</param>
/// <param name="Settings">Snapshots, passivation, lookup timeout.</param>
/// <param name="Routers">Node id → that node's <see cref="CallEffectRouter"/>.</param>
/// <param name="LocalNodeId">This node: effects of legs without a flow (routed by URI) are carried out here.</param>
/// <param name="Users">The user entities, for <see cref="LookupTargets"/> and <see cref="InformUser"/>.</param>
/// <param name="Listing">Where entities report their phase for <c>uc call list</c>; null = not reported.</param>
public sealed record CallEntityDependencies(
    CallDecider Decider,
    CallEntitySettings Settings,
    INodeRouterDirectory Routers,
    string LocalNodeId,
    IUserGateway Users,
    CallListing? Listing = null);
