namespace Cluster.Actors.Users;

/// <summary>
/// The list of users as the directory shows it (address, display name, whether disabled), for the shell's
/// <c>user list</c> and the web directory search. A read model: it follows the journal, so a user created a moment
/// ago may take until the next journal poll to appear on another node; ask the user's entity for the truth.
/// </summary>
public interface IUserListing
{
    /// <summary>Users that exist (created and not removed).</summary>
    int Count { get; }

    /// <summary>
    /// One page of users in address order. <paramref name="prefix"/> (case-insensitive) keeps users whose address or
    /// display name starts with it; null or empty keeps all. Pages count from 0; the page size is capped by
    /// <c>uc.users.directory.max-page-size</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative page or a page size below 1.</exception>
    UserListingPage List(string? prefix = null, int page = 0, int pageSize = 50);
}
