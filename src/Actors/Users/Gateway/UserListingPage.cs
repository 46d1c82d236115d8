namespace Cluster.Actors.Users;

/// <summary>A page of <see cref="IUserListing.List"/>: <see cref="Total"/> counts every match, not just this page.</summary>
public sealed record UserListingPage(IReadOnlyList<UserListingEntry> Users, int Total, int Page, int PageSize)
{
    /// <summary>True when later pages hold more matches.</summary>
    public bool HasMore => (long)(Page + 1) * PageSize < Total;
}
