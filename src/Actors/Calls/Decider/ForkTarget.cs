using Cluster.Actors.Common;

namespace Cluster.Actors.Calls;

/// <summary>One place a ring group sends an INVITE to.</summary>
internal sealed record ForkTarget(string Uri, LegKind Kind, UserAddress? User, EdgeEndpoint? Flow, IReadOnlyList<string> Path);
