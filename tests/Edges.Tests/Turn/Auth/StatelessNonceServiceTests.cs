using System.Net;
using System.Text;
using Cluster.Edges.Turn.Auth;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Turn.Auth;

public sealed class StatelessNonceServiceTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly IPAddress Client = IPAddress.Parse("198.51.100.7");

    private static byte[] Bytes(string nonce) => Encoding.ASCII.GetBytes(nonce);

    [Fact]
    public void Fresh_nonce_is_valid_for_the_client_it_was_issued_to()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var nonces = new StatelessNonceService(Key, TimeSpan.FromMinutes(10), clock);
        var nonce = nonces.Issue(Client);
        Assert.Equal(NonceCheck.Valid, nonces.Check(Bytes(nonce), Client));
        Assert.Equal(NonceCheck.Valid, nonces.Check(Bytes(nonce), IPAddress.Parse("::ffff:198.51.100.7")));
    }

    [Fact]
    public void Nonce_older_than_its_lifetime_is_stale()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var nonces = new StatelessNonceService(Key, TimeSpan.FromMinutes(10), clock);
        var nonce = nonces.Issue(Client);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(NonceCheck.Valid, nonces.Check(Bytes(nonce), Client));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(NonceCheck.Stale, nonces.Check(Bytes(nonce), Client));
    }

    [Fact]
    public void Nonce_from_another_address_key_or_tampered_is_invalid()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var nonces = new StatelessNonceService(Key, TimeSpan.FromMinutes(10), clock);
        var nonce = nonces.Issue(Client);
        Assert.Equal(NonceCheck.Invalid, nonces.Check(Bytes(nonce), IPAddress.Parse("198.51.100.8")));
        var other = new StatelessNonceService(new byte[32], TimeSpan.FromMinutes(10), clock);
        Assert.Equal(NonceCheck.Invalid, other.Check(Bytes(nonce), Client));
        var tampered = Bytes(nonce);
        tampered[3] = tampered[3] == (byte)'A' ? (byte)'B' : (byte)'A';
        Assert.Equal(NonceCheck.Invalid, nonces.Check(tampered, Client));
        Assert.Equal(NonceCheck.Invalid, nonces.Check("f//499k954d6OL34oL9FSTvy64sA"u8, Client));
        Assert.Equal(NonceCheck.Invalid, nonces.Check([], Client));
    }

    [Fact]
    public void Nonce_from_the_future_is_invalid()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var nonces = new StatelessNonceService(Key, TimeSpan.FromMinutes(10), clock);
        var nonce = nonces.Issue(Client);
        clock.SetUtcNow(clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal(NonceCheck.Invalid, nonces.Check(Bytes(nonce), Client));
    }

    [Fact]
    public void Nonce_cookie_announces_the_security_features_of_rfc_8489()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var nonces = new StatelessNonceService(Key, TimeSpan.FromMinutes(10), clock, NonceSecurityFeatures.PasswordAlgorithms);
        var nonce = nonces.Issue(Client);
        Assert.StartsWith("obMatJos2gAAA", nonce);
        Assert.Equal(NonceCheck.Valid, nonces.Check(Bytes(nonce), Client, out var features));
        Assert.Equal(NonceSecurityFeatures.PasswordAlgorithms, features);
    }

    [Fact]
    public void Issuing_a_nonce_keeps_no_state_so_any_instance_with_the_key_accepts_it()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var nonce = new StatelessNonceService(Key, TimeSpan.FromMinutes(10), clock).Issue(Client);
        Assert.Equal(NonceCheck.Valid, new StatelessNonceService(Key, TimeSpan.FromMinutes(10), clock).Check(Bytes(nonce), Client));
    }
}
