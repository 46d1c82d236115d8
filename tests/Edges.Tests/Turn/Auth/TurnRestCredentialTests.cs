using Cluster.Edges.Turn.Auth;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Turn.Auth;

public sealed class TurnRestCredentialTests
{
    /// <summary>2023-11-14T22:13:20Z.</summary>
    private static readonly DateTimeOffset Epoch1700000000 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Password_is_base64_hmac_sha1_of_the_username_as_openssl_computes_it()
    {
        // printf '%s' '1700000000:alice' | openssl dgst -sha1 -hmac 'north-wind' -binary | base64
        Assert.Equal("Oko4dt8u/EbTRjRUJWQDFm/zTCc=", TurnRestSecret.Password("north-wind", "1700000000:alice"));
        // ... -hmac 'south-wind'
        Assert.Equal("u+5R+drkmnBZa4OorqB8uy+NTEY=", TurnRestSecret.Password("south-wind", "1700000000:alice"));
    }

    [Fact]
    public void Long_term_key_of_rest_credentials_is_md5_of_username_realm_password()
    {
        // printf '%s' '1700000000:alice:uc.local:Oko4dt8u/EbTRjRUJWQDFm/zTCc=' | openssl md5
        var key = LongTermKey.Compute("1700000000:alice", "uc.local", "Oko4dt8u/EbTRjRUJWQDFm/zTCc=");
        Assert.Equal("b97b0beaa8dc96f3bda8fc5c6bb515ae", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Sha256_long_term_key_matches_openssl()
    {
        // printf '%s' 'マトリックス:example.org:TheMatrIX' | openssl sha256
        var key = LongTermKey.Compute(Rfc5769.LongTermUsername, Rfc5769.LongTermRealm, Rfc5769.LongTermPassword, Cluster.Edges.Turn.Stun.StunPasswordAlgorithm.Sha256);
        Assert.Equal("dd295a613b9058c3c23d6dc7165bda072304d989c9d0af3a8c7e184b4f9bb4a1", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Generator_issues_expiry_colon_user_with_ttl_and_uris()
    {
        var clock = new ManualTimeProvider(Epoch1700000000.AddSeconds(-3600));
        var generator = new TurnRestCredentialGenerator("north-wind", TimeSpan.FromHours(1), ["turn:turn.example.com:3478?transport=udp"], clock);

        var credentials = generator.Generate("alice");

        Assert.Equal("1700000000:alice", credentials.Username);
        Assert.Equal("Oko4dt8u/EbTRjRUJWQDFm/zTCc=", credentials.Password);
        Assert.Equal(3600, credentials.TtlSeconds);
        Assert.Equal(["turn:turn.example.com:3478?transport=udp"], credentials.Uris);
    }

    [Fact]
    public void Generator_refuses_a_user_containing_the_separator_and_an_empty_secret()
    {
        var clock = new ManualTimeProvider(Epoch1700000000);
        var generator = new TurnRestCredentialGenerator("s", TimeSpan.FromHours(1), [], clock);
        Assert.Throws<ArgumentException>(() => generator.Generate("a:b"));
        Assert.Throws<ArgumentException>(() => new TurnRestCredentialGenerator("", TimeSpan.FromHours(1), [], clock));
    }

    [Theory]
    [InlineData("1700000000:alice", true, 1700000000)]
    [InlineData("1700000000", true, 1700000000)]
    [InlineData("alice:1700000000", false, 0)]
    [InlineData("-5:alice", false, 0)]
    [InlineData("", false, 0)]
    public void Expiry_is_read_from_the_part_before_the_separator(string username, bool ok, long expiry)
    {
        Assert.Equal(ok, TurnRestSecret.TryParseExpiry(username, out var read));
        if (ok)
        {
            Assert.Equal(expiry, read);
        }
    }
}
