using Cluster.Actors.Common;

namespace Cluster.Edges.Sip.Commands;

/// <summary>
/// Lists users. Entities answer only for themselves, so a listing needs a projection of the journal's
/// <c>user.created</c>/<c>user.removed</c> events (the node wires one; tests use an in-memory directory). Kept as a seam
/// so <c>uc user list</c> does not depend on how that projection is stored.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Up to <paramref name="limit"/> users in address order, optionally of one domain, starting after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<UserAddress>> ListAsync(string? domain, int limit, UserAddress? after = null, CancellationToken cancellationToken = default);
}
