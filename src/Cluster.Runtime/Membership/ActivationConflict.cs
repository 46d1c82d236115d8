using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

/// <summary>A double activation: <see cref="ExistingOwner"/> was still a live member with the entity active when <see cref="NewOwner"/> activated it.</summary>
public sealed record ActivationConflict(
    string TypeName,
    string EntityId,
    UniqueAddress ExistingOwner,
    long ExistingEpoch,
    DateTimeOffset ExistingActiveSince,
    UniqueAddress NewOwner,
    long NewEpoch);
