using System.Text.RegularExpressions;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Tests.Sip.Transactions.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Auth;

public sealed class SipDigestTests
{
    // Expected values computed independently with coreutils while writing the test, e.g.
    //   printf '%s' 'Mufasa:http-auth@example.org:Circle of Life' | sha256sum
    // and they equal the RFC 7616 §3.9.1 example.
    [Theory]
    [InlineData(SipDigestAlgorithm.Md5, "3d78807defe7de2157e2b0b6573a855f", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(SipDigestAlgorithm.Sha256, "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_example_vectors(SipDigestAlgorithm algorithm, string ha1, string response)
    {
        Assert.Equal(ha1, SipDigest.ComputeHa1(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life"));
        Assert.Equal(response, SipDigest.ComputeResponse(algorithm, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html"));
    }

    [Theory]
    [InlineData(SipDigestAlgorithm.Md5, "b1726872c344b6dc8365b774f8fd6412", "d21918bd99c83d069e6d288be2db2e3c")]
    [InlineData(SipDigestAlgorithm.Sha256, "ed8925b20f9a77b8f8f8d5f8e4467fe32b866f7208ab9e4b20595e9821a0fdee", "cc10d19d2fd4ed912cd152ce2f1a6034e418cfeb65b6cbc5902a0a25cd08b328")]
    public void Sip_register_vectors(SipDigestAlgorithm algorithm, string ha1, string response)
    {
        Assert.Equal(ha1, SipDigest.ComputeHa1(algorithm, "alice", "example.com", "secret"));
        Assert.Equal(response, SipDigest.ComputeResponse(algorithm, ha1, "abc123", "00000001", "0a4f113b", "auth", "REGISTER", "sip:example.com"));
    }

    [Fact]
    public void Authorization_header_parses_quoted_strings_escapes_and_unquoted_tokens()
    {
        const string value = "Digest username=\"al\\\"ice\", realm=\"example.com\",nonce=\"n1\" , uri=\"sip:example.com\", " +
            "response=\"abc\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c,1\", opaque=\"o\", x-ext=token";
        Assert.True(SipDigestCredentials.TryParse(value, out var c, out var error), error);
        Assert.Equal("al\"ice", c!.Username);
        Assert.Equal("SHA-256", c.Algorithm);
        Assert.Equal("auth", c.Qop);
        Assert.Equal("00000001", c.NonceCount);
        Assert.Equal("c,1", c.CNonce);
        Assert.Equal("token", c.Parameters["x-ext"]);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "not a Digest")]
    [InlineData("Digest realm=\"r\", username=\"a", "unterminated")]
    [InlineData("Digest username=\"a\" realm=\"r\"", "expected ','")]
    [InlineData("Digest username=\"a\", username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"", "twice")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"", "missing 'username'")]
    public void Malformed_authorization_is_refused_with_a_reason(string value, string reason)
    {
        Assert.False(SipDigestCredentials.TryParse(value, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Challenges_offer_sha256_first_then_md5_with_one_nonce()
    {
        var auth = new SipDigestAuthenticator(new SipDigestSettings { Realm = "example.com" });
        var challenges = auth.CreateChallenges();
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0]);
        Assert.Contains("algorithm=MD5", challenges[1]);
        Assert.All(challenges, c => Assert.Contains("qop=\"auth\"", c));
        Assert.All(challenges, c => Assert.Contains("realm=\"example.com\"", c));
        var nonce = Regex.Match(challenges[0], "nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", challenges[1]);
        Assert.DoesNotContain("stale", challenges[0]);
        Assert.Contains("stale=true", auth.CreateChallenges(stale: true)[0]);
    }

    [Theory]
    [InlineData(SipDigestAlgorithm.Sha256)]
    [InlineData(SipDigestAlgorithm.Md5)]
    public void Correct_response_is_valid_and_a_replayed_nonce_count_is_refused(SipDigestAlgorithm algorithm)
    {
        var (auth, _) = New();
        var nonce = auth.IssueNonce();
        var ha1 = SipDigest.ComputeHa1(algorithm, "alice", "example.com", "secret");
        Assert.Equal(SipDigestResult.Valid, auth.Verify(Answer(algorithm, nonce, 1, "secret"), "REGISTER", ha1));
        Assert.Equal(SipDigestResult.Replay, auth.Verify(Answer(algorithm, nonce, 1, "secret"), "REGISTER", ha1));
        Assert.Equal(SipDigestResult.Valid, auth.Verify(Answer(algorithm, nonce, 2, "secret"), "REGISTER", ha1));
        Assert.Equal(SipDigestResult.Replay, auth.Verify(Answer(algorithm, nonce, 2, "secret"), "REGISTER", ha1));
        Assert.Equal(SipDigestResult.Valid, auth.Verify(Answer(algorithm, nonce, 5, "secret"), "REGISTER", ha1)); // gaps are fine
        Assert.Equal(SipDigestResult.Replay, auth.Verify(Answer(algorithm, nonce, 3, "secret"), "REGISTER", ha1));
    }

    [Fact]
    public void Wrong_password_method_or_forged_nonce_are_refused()
    {
        var (auth, _) = New();
        var nonce = auth.IssueNonce();
        var ha1 = SipDigest.ComputeHa1(SipDigestAlgorithm.Sha256, "alice", "example.com", "secret");
        Assert.Equal(SipDigestResult.WrongResponse, auth.Verify(Answer(SipDigestAlgorithm.Sha256, nonce, 1, "guess"), "REGISTER", ha1));
        Assert.Equal(SipDigestResult.WrongResponse, auth.Verify(Answer(SipDigestAlgorithm.Sha256, nonce, 1, "secret"), "INVITE", ha1));
        var forged = nonce[..10] + (nonce[10] == 'A' ? 'B' : 'A') + nonce[11..];
        Assert.Equal(SipDigestResult.InvalidNonce, auth.Verify(Answer(SipDigestAlgorithm.Sha256, forged, 1, "secret"), "REGISTER", ha1));
        var other = new SipDigestAuthenticator(new SipDigestSettings { Realm = "example.com" });
        Assert.Equal(SipDigestResult.InvalidNonce, other.Verify(Answer(SipDigestAlgorithm.Sha256, nonce, 1, "secret"), "REGISTER", ha1));
    }

    [Fact]
    public void Expired_nonce_with_a_correct_response_is_stale_but_with_a_wrong_one_is_not()
    {
        var (auth, time) = New();
        var nonce = auth.IssueNonce();
        var ha1 = SipDigest.ComputeHa1(SipDigestAlgorithm.Md5, "alice", "example.com", "secret");
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(SipDigestResult.Stale, auth.Verify(Answer(SipDigestAlgorithm.Md5, nonce, 1, "secret"), "REGISTER", ha1));
        Assert.Equal(SipDigestResult.WrongResponse, auth.Verify(Answer(SipDigestAlgorithm.Md5, nonce, 1, "guess"), "REGISTER", ha1));
    }

    [Fact]
    public void Evicted_nonce_history_turns_a_later_count_into_stale()
    {
        var (auth, _) = New(cacheSize: 1);
        var ha1 = SipDigest.ComputeHa1(SipDigestAlgorithm.Md5, "alice", "example.com", "secret");
        var first = auth.IssueNonce();
        var second = auth.IssueNonce();
        Assert.Equal(SipDigestResult.Valid, auth.Verify(Answer(SipDigestAlgorithm.Md5, first, 1, "secret"), "REGISTER", ha1));
        Assert.Equal(SipDigestResult.Valid, auth.Verify(Answer(SipDigestAlgorithm.Md5, second, 1, "secret"), "REGISTER", ha1)); // evicts first
        Assert.Equal(1, auth.TrackedNonces);
        Assert.Equal(SipDigestResult.Stale, auth.Verify(Answer(SipDigestAlgorithm.Md5, first, 2, "secret"), "REGISTER", ha1));
    }

    [Fact]
    public void Missing_qop_or_bad_nonce_count_is_malformed()
    {
        var (auth, _) = New();
        var nonce = auth.IssueNonce();
        var ha1 = SipDigest.ComputeHa1(SipDigestAlgorithm.Md5, "alice", "example.com", "secret");
        Parse($"Digest username=\"alice\", realm=\"example.com\", nonce=\"{nonce}\", uri=\"sip:example.com\", response=\"00\"", out var noQop);
        Assert.Equal(SipDigestResult.Malformed, auth.Verify(noQop, "REGISTER", ha1));
        Parse($"Digest username=\"alice\", realm=\"example.com\", nonce=\"{nonce}\", uri=\"sip:example.com\", response=\"00\", qop=auth, nc=1, cnonce=\"c\"", out var shortNc);
        Assert.Equal(SipDigestResult.Malformed, auth.Verify(shortNc, "REGISTER", ha1));
        Parse($"Digest username=\"alice\", realm=\"example.com\", nonce=\"{nonce}\", uri=\"sip:example.com\", response=\"00\", qop=auth, nc=00000001, cnonce=\"c\", algorithm=MD5-sess", out var sess);
        Assert.Equal(SipDigestResult.Malformed, auth.Verify(sess, "REGISTER", ha1));
    }

    private static (SipDigestAuthenticator, ManualTimeProvider) New(int cacheSize = 1000)
    {
        var time = new ManualTimeProvider();
        return (new SipDigestAuthenticator(new SipDigestSettings { Realm = "example.com", NonceCacheSize = cacheSize }, time), time);
    }

    /// <summary>What a client would send: computed here from the password, independently of the server's HA1 path.</summary>
    private static SipDigestCredentials Answer(SipDigestAlgorithm algorithm, string nonce, int nc, string password)
    {
        var ncText = nc.ToString("x8");
        var ha1 = SipDigest.Hash(algorithm, $"alice:example.com:{password}");
        var ha2 = SipDigest.Hash(algorithm, "REGISTER:sip:example.com");
        var response = SipDigest.Hash(algorithm, $"{ha1}:{nonce}:{ncText}:0a4f113b:auth:{ha2}");
        Parse($"Digest username=\"alice\", realm=\"example.com\", nonce=\"{nonce}\", uri=\"sip:example.com\", response=\"{response}\", " +
            $"algorithm={algorithm.Token()}, qop=auth, nc={ncText}, cnonce=\"0a4f113b\"", out var credentials);
        return credentials;
    }

    private static void Parse(string value, out SipDigestCredentials credentials)
    {
        Assert.True(SipDigestCredentials.TryParse(value, out var c, out var error), error);
        credentials = c!;
    }
}
