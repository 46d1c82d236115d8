using System.Collections.Concurrent;
using System.Security.Cryptography;
using Cluster.Actors.Common;

namespace Cluster.Edges.Sip.Presence;

/// <summary>
/// Event state publications of RFC 3903 held by this node: entity-tag → (publisher, what was published, expiry). A
/// refresh or modification names the tag in SIP-If-Match; a tag this node does not know (expired, or issued by another
/// node) gets 412 and the client publishes afresh (RFC 3903 §6 step 4), so no cluster-wide table is needed.
/// </summary>
internal sealed class SipPublicationStore(int capacity, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Publication> publications = new(StringComparer.Ordinal);

    internal sealed record Publication(UserAddress User, PublishedPresence State, DateTimeOffset ExpiresAt);

    /// <summary>The live publication with this tag belonging to <paramref name="user"/>, if any.</summary>
    public Publication? Find(string etag, UserAddress user)
    {
        if (!publications.TryGetValue(etag, out var publication)) return null;
        if (publication.ExpiresAt <= time.GetUtcNow())
        {
            publications.TryRemove(etag, out _);
            return null;
        }
        return publication.User == user ? publication : null;
    }

    /// <summary>Stores a publication under a fresh tag (RFC 3903 §6 step 8: a new entity-tag for every successful PUBLISH); null when full.</summary>
    public string? Store(Publication publication, string? replacing)
    {
        if (replacing is not null) publications.TryRemove(replacing, out _);
        if (publications.Count >= capacity)
        {
            var now = time.GetUtcNow();
            foreach (var pair in publications)
                if (pair.Value.ExpiresAt <= now) publications.TryRemove(pair.Key, out _);
            if (publications.Count >= capacity) return null;
        }
        var etag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        publications[etag] = publication;
        return etag;
    }

    public void Remove(string etag) => publications.TryRemove(etag, out _);
}
