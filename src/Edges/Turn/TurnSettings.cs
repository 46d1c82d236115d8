using System.Net;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn;

/// <summary>
/// Settings of the STUN/TURN edge (<c>uc.turn.*</c> in reference.conf): listeners, realm, credentials, nonces, peer
/// policy and allocation limits. A plain record with the reference defaults; only the node's settings loader reads
/// HOCON into it.
/// </summary>
public sealed partial record TurnSettings
{
    public StunSettings Stun { get; init; } = new();

    /// <summary>REALM of the long-term credential mechanism (RFC 8489 §14.9).</summary>
    public string Realm { get; init; } = "uc.local";

    /// <summary>Shared secrets of the REST credential scheme, signing secret first; empty disables the scheme.</summary>
    public IReadOnlyList<string> AuthSecrets { get; init; } = [];

    /// <summary>Lifetime of credentials issued by the web API.</summary>
    public TimeSpan CredentialTtl { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Separator between expiry and user in REST usernames (coturn rest-api-separator).</summary>
    public char RestSeparator { get; init; } = ':';

    /// <summary>URIs handed out with credentials (turn:host:3478?transport=udp ...).</summary>
    public IReadOnlyList<string> Uris { get; init; } = [];

    /// <summary>PASSWORD-ALGORITHMS offered, most preferred first (RFC 8489 §14.11).</summary>
    public IReadOnlyList<StunPasswordAlgorithm> PasswordAlgorithms { get; init; } = [StunPasswordAlgorithm.Sha256, StunPasswordAlgorithm.Md5];

    /// <summary>How long a nonce stays valid before 438 Stale Nonce.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Nonce HMAC key (base64, at least 16 bytes); empty = random per process.</summary>
    public string NonceKey { get; init; } = string.Empty;

    /// <summary>Peer CIDRs allowed even though a default rule denies them.</summary>
    public IReadOnlyList<string> PeerAllow { get; init; } = [];

    /// <summary>Peer CIDRs always denied (wins over the allow-list).</summary>
    public IReadOnlyList<string> PeerDeny { get; init; } = [];

    /// <summary>Apply the built-in deny ranges (private, loopback, link-local, ...).</summary>
    public bool PeerDenyDefaults { get; init; } = true;

    /// <summary>First UDP port for relayed transport addresses (RFC 8656 §5 suggests 49152-65535).</summary>
    public int RelayPortMin { get; init; } = 49152;

    public int RelayPortMax { get; init; } = 65535;

    /// <summary>Allocation lifetime when the client asks for none (RFC 8656 §3.8: 10 minutes).</summary>
    public TimeSpan DefaultAllocationLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest allocation lifetime granted (RFC 8656 §7.2: at least 1 hour is recommended as the cap).</summary>
    public TimeSpan MaxAllocationLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Static long-term users (user → password), coturn's <c>user=</c> lines; empty = none.</summary>
    public IReadOnlyDictionary<string, string> StaticUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>Address relay sockets bind to (its family is the relayed address family).</summary>
    public IPAddress RelayAddress { get; init; } = IPAddress.Any;

    /// <summary>Address announced in XOR-RELAYED-ADDRESS; null = the bind address, or the host's first IPv4 address when binding 0.0.0.0.</summary>
    public IPAddress? RelayPublicAddress { get; init; }

    /// <summary>Largest peer datagram relayed, in bytes; larger ones are dropped and counted.</summary>
    public int RelayMaxDatagram { get; init; } = 2048;

    /// <summary>Accept ChannelBind numbers 0x5000-0x7FFF as RFC 5766 did (RFC 8656 §12 allows 0x4000-0x4FFF only).</summary>
    public bool Rfc5766Channels { get; init; } = true;

    /// <summary>Allocations one user may hold at once (RFC 8656 §7.2 step 7, 486); 0 = unlimited.</summary>
    public int UserQuota { get; init; } = 32;

    /// <summary>Allocations the server holds at once (486 beyond it); 0 = unlimited (the port range still limits: 508).</summary>
    public int TotalQuota { get; init; } = 10000;

    /// <summary>Throws with the offending key when a value is out of range.</summary>
    public void Validate()
    {
        Stun.Validate();
        if (string.IsNullOrWhiteSpace(Realm))
        {
            throw new ArgumentException("uc.turn.realm must not be empty.", nameof(Realm));
        }

        if (AuthSecrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("uc.turn.auth.secrets contains an empty secret.", nameof(AuthSecrets));
        }

        if (CredentialTtl <= TimeSpan.Zero || NonceLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CredentialTtl), "uc.turn.auth.credential-ttl and uc.turn.auth.nonce-lifetime must be positive.");
        }

        if (PasswordAlgorithms.Count == 0 || PasswordAlgorithms.Any(a => a is not (StunPasswordAlgorithm.Md5 or StunPasswordAlgorithm.Sha256)))
        {
            throw new ArgumentException("uc.turn.auth.password-algorithms must list md5 and/or sha256.", nameof(PasswordAlgorithms));
        }

        if (RelayPortMin is < 1024 or > 65535 || RelayPortMax < RelayPortMin || RelayPortMax > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(RelayPortMin), $"uc.turn.relay.port-min/port-max must satisfy 1024 <= min <= max <= 65535, got {RelayPortMin}-{RelayPortMax}.");
        }

        if (RelayMaxDatagram is < 64 or > 65507)
        {
            throw new ArgumentOutOfRangeException(nameof(RelayMaxDatagram), RelayMaxDatagram, "uc.turn.relay.max-datagram must be 64..65507 bytes.");
        }

        if (UserQuota < 0 || TotalQuota < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(UserQuota), "uc.turn.quota.user and uc.turn.quota.total must not be negative (0 = unlimited).");
        }

        if (RelayAddress.AddressFamily is not (System.Net.Sockets.AddressFamily.InterNetwork or System.Net.Sockets.AddressFamily.InterNetworkV6)
            || (RelayPublicAddress is { } advertised && advertised.AddressFamily != RelayAddress.AddressFamily))
        {
            throw new ArgumentException("uc.turn.relay.address must be IPv4 or IPv6, and uc.turn.relay.public-address of the same family.", nameof(RelayAddress));
        }

        if (StaticUsers.Any(u => string.IsNullOrEmpty(u.Key) || string.IsNullOrEmpty(u.Value)))
        {
            throw new ArgumentException("uc.turn.auth.users has an empty user name or password.", nameof(StaticUsers));
        }

        if (DefaultAllocationLifetime <= TimeSpan.Zero || MaxAllocationLifetime < DefaultAllocationLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAllocationLifetime), "uc.turn.relay.default-lifetime must be positive and not above max-lifetime.");
        }
    }
}
