using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Serilog;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Web login against the user entities: the password is checked by the user's own entity (PBKDF2 hash, constant-time
/// compare), so the edge never sees a hash. When the entity says the hash was made with fewer iterations than now
/// configured (<see cref="PasswordCheckReply.NeedsRehash"/>), the good password is set again so the stored hash is
/// upgraded on the next login, the only moment the plain password is at hand.
/// </summary>
public sealed class UserGatewayCredentialVerifier : ICredentialVerifier
{
    private readonly IUserGateway users;
    private readonly ILogger log;

    public UserGatewayCredentialVerifier(IUserGateway users, ILogger? logger = null)
    {
        this.users = users ?? throw new ArgumentNullException(nameof(users));
        log = (logger ?? Log.Logger).ForContext<UserGatewayCredentialVerifier>();
    }

    public async Task<CredentialCheck> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        if (!UserAddress.TryParse(username, out var user, out var error))
            return CredentialCheck.Failed($"username is not an address: {error}");
        var check = await users.QueryAsync(user, new VerifyPassword(password), cancellationToken).ConfigureAwait(false);
        switch (check)
        {
            case PasswordCheckReply { Valid: true } valid:
                var profile = await users.QueryAsync(user, GetProfile.Instance, cancellationToken).ConfigureAwait(false);
                var name = profile is ProfileReply { Profile.DisplayName: { Length: > 0 } displayName } ? displayName : user.ToString();
                if (valid.NeedsRehash)
                    await RehashAsync(user, password, cancellationToken).ConfigureAwait(false);
                return CredentialCheck.Success(new AuthenticatedUser(user.ToString(), name));
            case PasswordCheckReply:
                return CredentialCheck.Failed("wrong password, unknown, disabled or removed user");
            case CommandRejected rejected:
                return CredentialCheck.Failed($"{rejected.Code}: {rejected.Reason}");
            default:
                throw new InvalidOperationException($"VerifyPassword answered {check.GetType().Name}");
        }
    }

    /// <summary>A failed upgrade does not fail the login: the old hash still works and the next login tries again.</summary>
    private async Task RehashAsync(UserAddress user, string password, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await users.SendAsync(user, new SetPassword(password), cancellationToken).ConfigureAwait(false);
            if (reply is CommandRejected rejected)
                log.Warning("Password hash of {User} not upgraded: {Code} {Reason}", user, rejected.Code, rejected.Reason);
            else
                log.Information("Password hash of {User} upgraded to the configured iterations", user);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Warning(ex, "Password hash of {User} not upgraded", user);
        }
    }
}
