using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Edges.Sip.Commands;

/// <summary>
/// <c>user list</c> over the node's directory projection (<see cref="IUserListing"/>): walks its pages in address order,
/// keeping one domain and what comes after the paging cursor.
/// </summary>
public sealed class ListingUserDirectory(IUserListing listing) : IUserDirectory
{
    private const int PageSize = 500;

    public Task<IReadOnlyList<UserAddress>> ListAsync(string? domain, int limit, UserAddress? after = null, CancellationToken cancellationToken = default)
    {
        var result = new List<UserAddress>(Math.Min(limit, PageSize));
        for (var page = 0; result.Count < limit; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slice = listing.List(null, page, PageSize);
            foreach (var entry in slice.Users)
            {
                var address = entry.Address;
                if ((domain is null || string.Equals(address.Domain, domain, StringComparison.OrdinalIgnoreCase))
                    && (after is null || address.CompareTo(after.Value) > 0) && result.Count < limit)
                {
                    result.Add(address);
                }
            }
            if ((long)(page + 1) * slice.PageSize >= slice.Total || slice.Users.Count == 0)
            {
                break;
            }
        }
        return Task.FromResult<IReadOnlyList<UserAddress>>(result);
    }
}
