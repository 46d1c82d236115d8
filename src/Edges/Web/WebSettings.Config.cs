using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Web;

public sealed partial record WebSettings
{
    public const string ConfigPath = "uc.web";

    /// <summary>Reads <c>uc.web</c>; errors name the file, line and key.</summary>
    public static WebSettings FromConfig(Config config)
    {
        const string p = ConfigPath;
        var settings = new WebSettings
        {
            BindHost = config.GetString($"{p}.bind-host"),
            HttpPort = Port(config, $"{p}.http-port"),
            HttpsPort = Port(config, $"{p}.https-port"),
            CertificatePath = config.GetStringOrOff($"{p}.certificate-path"),
            CertificateKeyPath = config.GetStringOrOff($"{p}.certificate-key-path"),
            CertificatePassword = config.GetStringOrOff($"{p}.certificate-password"),
            TrustedProxies = config.GetStringList($"{p}.trusted-proxies"),
            SessionTokenTtl = config.GetPositiveTimeSpan($"{p}.session-token-ttl"),
            SessionTokenMaxLifetime = config.GetPositiveTimeSpan($"{p}.session-token-max-lifetime"),
            LoginRateLimitPerAddress = config.GetIntInRange($"{p}.login.rate-per-address", 1),
            LoginRateLimitPerUser = config.GetIntInRange($"{p}.login.rate-per-user", 1),
            LoginRateWindow = config.GetPositiveTimeSpan($"{p}.login.rate-window"),
            LockoutThreshold = config.GetIntInRange($"{p}.login.lockout-threshold", 1),
            LockoutDuration = config.GetPositiveTimeSpan($"{p}.login.lockout-duration"),
            PublicBaseUrl = config.GetStringOrOff($"{p}.public-base-url"),
            WebSocketMaxMessageSize = (int)Math.Min(int.MaxValue, config.GetByteSize($"{p}.websocket.max-message-size")),
            MaxMessagesPerSecond = config.GetIntInRange($"{p}.websocket.max-messages-per-second", 1),
            IdleTimeout = OptionalDuration(config, $"{p}.websocket.idle-timeout"),
            MaxConnections = config.GetIntInRange($"{p}.websocket.max-connections", 1),
            AuthTimeout = config.GetPositiveTimeSpan($"{p}.websocket.auth-timeout"),
            KeepAliveInterval = OptionalDuration(config, $"{p}.websocket.keep-alive-interval"),
            KeepAliveTimeout = OptionalDuration(config, $"{p}.websocket.keep-alive-timeout"),
            ResumeWindow = config.GetPositiveTimeSpan($"{p}.websocket.resume-window"),
            ReplayBufferSize = config.GetIntInRange($"{p}.websocket.replay-buffer-size", 1),
            SendQueueLimit = config.GetIntInRange($"{p}.websocket.send-queue-limit", 1),
            CloseTimeout = config.GetPositiveTimeSpan($"{p}.websocket.close-timeout"),
            AllowTokenInQuery = config.GetBoolean($"{p}.websocket.allow-token-in-query"),
        };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message, e);
        }
    }

    /// <summary><c>off</c> = listener disabled (null); 0 = any free port.</summary>
    private static int? Port(Config config, string path) => config.IsOff(path) ? null : config.GetIntInRange(path, 0, 65535);

    private static TimeSpan? OptionalDuration(Config config, string path) => config.IsOff(path) ? null : config.GetPositiveTimeSpan(path);
}
