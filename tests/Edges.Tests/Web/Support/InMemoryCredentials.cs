using System.Collections.Concurrent;
using Cluster.Edges.Web;

namespace Cluster.Edges.Tests.Web.Support;

/// <summary>A user directory for tests: plain passwords in memory, the way the user entities will answer.</summary>
internal sealed class InMemoryCredentials : ICredentialVerifier
{
    private readonly ConcurrentDictionary<string, (string Password, AuthenticatedUser User)> users = new(StringComparer.OrdinalIgnoreCase);

    public int Calls;

    public InMemoryCredentials Add(string userId, string password, string? displayName = null)
    {
        users[userId] = (password, new AuthenticatedUser(userId, displayName ?? userId));
        return this;
    }

    public Task<CredentialCheck> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (!users.TryGetValue(username, out var entry))
            return Task.FromResult(CredentialCheck.Failed("unknown user"));
        return Task.FromResult(entry.Password == password ? CredentialCheck.Success(entry.User) : CredentialCheck.Failed("wrong password"));
    }
}
