using System.Security.Cryptography;
using System.Text;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class CredentialTests
{
    [Fact]
    public void Set_password_journals_hashes_but_never_the_password()
    {
        var kit = Created();
        var decision = kit.Ok(new SetPassword("correct horse battery"));

        var set = Assert.IsType<PasswordSet>(decision.Events[0]);
        Assert.Equal(PasswordHash.Pbkdf2Sha256, set.Web.Algorithm);
        Assert.Equal(1000, set.Web.Iterations);
        Assert.Equal(16, Convert.FromBase64String(set.Web.Salt).Length);
        var json = DomainJson.Serialize(set);
        Assert.DoesNotContain("correct horse battery", json, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse battery", new SetPassword("correct horse battery").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Password_verifies_and_a_wrong_one_does_not()
    {
        var kit = Created();
        kit.Ok(new SetPassword("correct horse battery"));

        Assert.Equal(new PasswordCheckReply(true, false), kit.Ask(new VerifyPassword("correct horse battery")));
        Assert.Equal(new PasswordCheckReply(false, false), kit.Ask(new VerifyPassword("correct horse batterY")));
    }

    [Fact]
    public void Two_hashes_of_one_password_use_different_salts()
    {
        var a = PasswordHash.Create("same password", 1000, 16);
        var b = PasswordHash.Create("same password", 1000, 16);
        Assert.NotEqual(a.Salt, b.Salt);
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void Pbkdf2_hash_matches_an_independent_derivation()
    {
        var hash = PasswordHash.Create("pa55word!", 1234, 16);
        var expected = Rfc2898DeriveBytes.Pbkdf2("pa55word!", Convert.FromBase64String(hash.Salt), 1234, HashAlgorithmName.SHA256, 32);
        Assert.Equal(Convert.ToBase64String(expected), hash.Hash);
    }

    [Fact]
    public void Raising_the_iteration_setting_asks_for_a_rehash_after_a_good_login()
    {
        var kit = Created();
        kit.Ok(new SetPassword("correct horse battery"));
        var stronger = new UserDecider(TestSettings with { PasswordIterations = 2000 });

        Assert.Equal(new PasswordCheckReply(true, true), stronger.Query(kit.State, new VerifyPassword("correct horse battery"), kit.Now));
    }

    [Fact]
    public void Short_password_is_rejected_as_weak()
    {
        var kit = Created();
        kit.Rejected(new SetPassword("short"), UserErrorCode.WeakPassword);
    }

    [Fact]
    public void Digest_ha1_is_md5_and_sha256_of_user_realm_password()
    {
        // RFC 2617 §3.2.2.2 / RFC 7616 §3.4.2: HA1 = H(username ":" realm ":" password)
        var kit = Created();
        kit.Ok(new SetPassword("secret-pass"));

        var md5 = Assert.IsType<DigestCredentialsReply>(kit.Ask(new GetDigestCredentials("example.com", DigestAlgorithm.Md5)));
        var sha = Assert.IsType<DigestCredentialsReply>(kit.Ask(new GetDigestCredentials("example.com", DigestAlgorithm.Sha256)));

        var input = Encoding.UTF8.GetBytes("alice:example.com:secret-pass");
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(input)), md5.Ha1);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)), sha.Ha1);
        Assert.Equal("alice", md5.Username);
    }

    [Fact]
    public void Known_md5_ha1_vector()
    {
        // MD5("Mufasa:testrealm@host.com:Circle Of Life"), the RFC 2617 §3.5 example credentials.
        var credentials = SipDigestCredentials.Create("Mufasa", "testrealm@host.com", "Circle Of Life");
        Assert.Equal("939e7578ed9e3c518a452acee763bce9", credentials.Md5Ha1);
    }

    [Fact]
    public void Digest_for_another_realm_or_without_password_is_refused()
    {
        var kit = Created();
        var none = Assert.IsType<CommandRejected>(kit.Ask(new GetDigestCredentials("example.com", DigestAlgorithm.Md5)));
        Assert.Equal(UserErrorCode.NoCredentials, none.Code);

        kit.Ok(new SetPassword("secret-pass", Realm: "pbx.example.com"));
        var wrong = Assert.IsType<CommandRejected>(kit.Ask(new GetDigestCredentials("example.com", DigestAlgorithm.Md5)));
        Assert.Equal(UserErrorCode.NoCredentials, wrong.Code);
    }

    [Fact]
    public void Disabled_user_fails_password_check_even_with_the_right_password()
    {
        var kit = Created();
        kit.Ok(new SetPassword("correct horse battery"));
        kit.Ok(new SetUserDisabled(true));
        Assert.Equal(new PasswordCheckReply(false, false), kit.Ask(new VerifyPassword("correct horse battery")));
    }

    [Fact]
    public void Tampered_hash_fails_verification_instead_of_throwing()
    {
        var hash = PasswordHash.Create("pa55word!", 1000, 16) with { Salt = "not base64!" };
        Assert.False(hash.Verify("pa55word!"));
    }
}
