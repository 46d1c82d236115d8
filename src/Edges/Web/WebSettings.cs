using System.Net;

namespace Cluster.Edges.Web;

/// <summary>
/// Settings of the client web-services edge, mirroring <c>uc.web.*</c> in this folder's reference.conf (the
/// defaults here and there must agree). Kept as one immutable record so the server, the login throttle and every
/// WebSocket connection read one consistent snapshot.
/// </summary>
/// <remarks>
/// Ports: <c>null</c> turns a listener off, <c>0</c> asks the operating system for a free port (tests read the
/// bound port from <see cref="WebEdgeServer.HttpEndPoint"/>), anything else is the port itself.
/// </remarks>
public sealed partial record WebSettings
{
    /// <summary>Interface to bind: "*" (all, IPv4 and IPv6), "localhost", or an IP address.</summary>
    public string BindHost { get; init; } = "*";

    /// <summary>Plain HTTP port (ProCall/XPhone default 7224); null = off.</summary>
    public int? HttpPort { get; init; } = 7224;

    /// <summary>HTTPS port (default 7225); null = off.</summary>
    public int? HttpsPort { get; init; } = 7225;

    /// <summary>PFX (PKCS#12) or PEM certificate file; null = self-signed development certificate in the data directory.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM private key file when <see cref="CertificatePath"/> is a PEM certificate without its key.</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>Password of the PFX file or of an encrypted PEM key; null = none.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>
    /// Addresses or CIDR networks of reverse proxies whose X-Forwarded-* headers are believed. Empty: nobody,
    /// not even loopback.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>Sliding lifetime of a session token: each use extends it by this much.</summary>
    public TimeSpan SessionTokenTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Absolute cap on a token's life, however often it is used.</summary>
    public TimeSpan SessionTokenMaxLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Login attempts allowed per source address within <see cref="LoginRateWindow"/>.</summary>
    public int LoginRateLimitPerAddress { get; init; } = 30;

    /// <summary>Login attempts allowed per username within <see cref="LoginRateWindow"/>.</summary>
    public int LoginRateLimitPerUser { get; init; } = 10;

    /// <summary>Fixed window over which the login rate limits count.</summary>
    public TimeSpan LoginRateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Consecutive failed logins of one username that lock it; 0 = lockout off.</summary>
    public int LockoutThreshold { get; init; } = 5;

    /// <summary>How long a locked username stays locked.</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest WebSocket message accepted (all frames of one message together), in bytes.</summary>
    public int WebSocketMaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>Messages per second one connection may send (token bucket, burst of the same size); 0 = unlimited.</summary>
    public int MaxMessagesPerSecond { get; init; } = 50;

    /// <summary>Close a WebSocket that sent no message for this long; null = off.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Most concurrent WebSocket connections on this node; further upgrades get 503.</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>Base URL clients are told to use (e.g. "https://uc.example.com"); null = derived from each request.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>Time a new WebSocket has to send <c>auth</c> or <c>resume</c>.</summary>
    public TimeSpan AuthTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>WebSocket ping interval (RFC 6455 §5.5.2); null = off.</summary>
    public TimeSpan? KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Abort the connection when a ping is not answered within this time; null = off.</summary>
    public TimeSpan? KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a disconnected session keeps its pushes for a <c>resume</c>.</summary>
    public TimeSpan ResumeWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pushes kept per session for replay; older ones are dropped and force a resync.</summary>
    public int ReplayBufferSize { get; init; } = 512;

    /// <summary>Outgoing messages queued per connection; a client that lets more pile up is closed.</summary>
    public int SendQueueLimit { get; init; } = 256;

    /// <summary>How long a server-initiated close waits for the client's close frame before aborting.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Accept the token in the <c>access_token</c> query parameter of the upgrade (ends up in logs; off by default).</summary>
    public bool AllowTokenInQuery { get; init; }

    /// <summary>The built-in defaults, equal to reference.conf.</summary>
    public static WebSettings Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the HOCON key of the first bad value.</summary>
    public WebSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(BindHost) || (BindHost is not ("*" or "localhost") && !IPAddress.TryParse(BindHost, out _)))
            throw new ArgumentException($"uc.web.bind-host must be \"*\", \"localhost\" or an IP address, got '{BindHost}'");
        CheckPort("uc.web.http-port", HttpPort);
        CheckPort("uc.web.https-port", HttpsPort);
        if (HttpPort is null && HttpsPort is null)
            throw new ArgumentException("uc.web.http-port and uc.web.https-port are both off: the edge would serve nothing");
        if (HttpPort is > 0 && HttpPort == HttpsPort)
            throw new ArgumentException($"uc.web.http-port and uc.web.https-port are both {HttpPort}");
        if (CertificateKeyPath is not null && CertificatePath is null)
            throw new ArgumentException("uc.web.certificate-key-path is set but uc.web.certificate-path is not");
        TrustedProxyList.Parse(TrustedProxies);
        Positive("uc.web.session-token-ttl", SessionTokenTtl);
        Positive("uc.web.session-token-max-lifetime", SessionTokenMaxLifetime);
        if (SessionTokenMaxLifetime < SessionTokenTtl)
            throw new ArgumentException($"uc.web.session-token-max-lifetime ({SessionTokenMaxLifetime}) is shorter than uc.web.session-token-ttl ({SessionTokenTtl})");
        AtLeast("uc.web.login.rate-per-address", LoginRateLimitPerAddress, 1);
        AtLeast("uc.web.login.rate-per-user", LoginRateLimitPerUser, 1);
        Positive("uc.web.login.rate-window", LoginRateWindow);
        AtLeast("uc.web.login.lockout-threshold", LockoutThreshold, 0);
        Positive("uc.web.login.lockout-duration", LockoutDuration);
        if (WebSocketMaxMessageSize is < 1024 or > 16 * 1024 * 1024)
            throw new ArgumentException($"uc.web.websocket.max-message-size must be 1 KiB..16 MiB, got {WebSocketMaxMessageSize}");
        AtLeast("uc.web.websocket.max-messages-per-second", MaxMessagesPerSecond, 0);
        if (IdleTimeout is { } idle)
            Positive("uc.web.websocket.idle-timeout", idle);
        AtLeast("uc.web.websocket.max-connections", MaxConnections, 1);
        if (PublicBaseUrl is not null
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https")))
            throw new ArgumentException($"uc.web.public-base-url must be an absolute http(s) URL, got '{PublicBaseUrl}'");
        Positive("uc.web.websocket.auth-timeout", AuthTimeout);
        if (KeepAliveInterval is { } ping)
            Positive("uc.web.websocket.keep-alive-interval", ping);
        if (KeepAliveTimeout is { } pong)
            Positive("uc.web.websocket.keep-alive-timeout", pong);
        if (ResumeWindow < TimeSpan.Zero)
            throw new ArgumentException($"uc.web.websocket.resume-window must not be negative, got {ResumeWindow}");
        AtLeast("uc.web.websocket.replay-buffer-size", ReplayBufferSize, 0);
        AtLeast("uc.web.websocket.send-queue-limit", SendQueueLimit, 1);
        Positive("uc.web.websocket.close-timeout", CloseTimeout);
        return this;
    }

    private static void CheckPort(string key, int? port)
    {
        if (port is < 0 or > 65535)
            throw new ArgumentException($"{key} must be off or 0..65535, got {port}");
    }

    private static void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{key} must be positive, got {value}");
    }

    private static void AtLeast(string key, int value, int minimum)
    {
        if (value < minimum)
            throw new ArgumentException($"{key} must be at least {minimum}, got {value}");
    }
}
