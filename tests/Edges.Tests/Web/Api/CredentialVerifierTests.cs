using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Web.Api;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class CredentialVerifierTests
{
    private static async Task<InProcessUserGateway> UsersWith(string address, string password, int iterations = 1000)
    {
        var users = new InProcessUserGateway(UserSettings.Default with { PasswordIterations = iterations });
        var user = UserAddress.Parse(address);
        await users.SendAsync(user, new CreateUser("Alice Liddell"));
        await users.SendAsync(user, new SetPassword(password));
        return users;
    }

    [Fact]
    public async Task Right_password_authenticates_with_the_display_name_and_canonical_id()
    {
        var verifier = new UserGatewayCredentialVerifier(await UsersWith("alice@example.com", "correct horse"));

        var check = await verifier.VerifyAsync("Alice@Example.COM", "correct horse", CancellationToken.None);

        Assert.True(check.Succeeded);
        Assert.Equal("alice@example.com", check.User!.UserId);
        Assert.Equal("Alice Liddell", check.User.DisplayName);
    }

    [Theory]
    [InlineData("alice@example.com", "wrong horse")]
    [InlineData("nobody@example.com", "correct horse")]
    [InlineData("not an address", "correct horse")]
    public async Task Wrong_password_unknown_user_and_bad_username_fail_alike(string username, string password)
    {
        var verifier = new UserGatewayCredentialVerifier(await UsersWith("alice@example.com", "correct horse"));

        var check = await verifier.VerifyAsync(username, password, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.NotNull(check.FailureReason);
    }

    [Fact]
    public async Task A_disabled_user_cannot_log_in()
    {
        var users = await UsersWith("alice@example.com", "correct horse");
        await users.SendAsync(UserAddress.Parse("alice@example.com"), new SetUserDisabled(true));

        var check = await new UserGatewayCredentialVerifier(users).VerifyAsync("alice@example.com", "correct horse", CancellationToken.None);

        Assert.False(check.Succeeded);
    }

    [Fact]
    public async Task A_hash_with_too_few_iterations_is_upgraded_on_a_good_login()
    {
        var inner = await UsersWith("alice@example.com", "correct horse", iterations: 1000);
        var alice = UserAddress.Parse("alice@example.com");
        var oldHash = inner.StateOf(alice).Credentials!.Web;
        var upgraded = new RehashingGateway(inner);

        var check = await new UserGatewayCredentialVerifier(upgraded).VerifyAsync("alice@example.com", "correct horse", CancellationToken.None);

        Assert.True(check.Succeeded);
        Assert.Single(upgraded.PasswordsSet);
        Assert.NotEqual(oldHash, inner.StateOf(alice).Credentials!.Web);
    }

    /// <summary>Answers password checks as if the configured iterations had risen, and records SetPassword commands.</summary>
    private sealed class RehashingGateway(InProcessUserGateway inner) : IUserGateway
    {
        public List<SetPassword> PasswordsSet { get; } = [];

        public Task<IUserReply> SendAsync(UserAddress user, IUserCommand command, CancellationToken cancellationToken = default)
        {
            if (command is SetPassword set)
                PasswordsSet.Add(set);
            return inner.SendAsync(user, command, cancellationToken);
        }

        public async Task<IUserReply> QueryAsync(UserAddress user, IUserQuery query, CancellationToken cancellationToken = default)
        {
            var reply = await inner.QueryAsync(user, query, cancellationToken);
            return reply is PasswordCheckReply { Valid: true } ? new PasswordCheckReply(true, NeedsRehash: true) : reply;
        }
    }
}
