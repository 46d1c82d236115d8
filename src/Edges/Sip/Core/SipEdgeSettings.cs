using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Messaging;
using Cluster.Edges.Sip.Presence;
using Cluster.Edges.Sip.Registrar;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// Everything the SIP edge reads from <c>uc.sip.*</c> (<c>src/Edges/Sip/reference.conf</c>), mapped onto the records
/// the transport, transaction, digest, registrar, presence and messaging parts take. It is the only reader of that
/// configuration section, so a key is interpreted (and its errors worded) in one place.
/// </summary>
public sealed record SipEdgeSettings
{
    /// <summary>The root of the section.</summary>
    public const string ConfigPath = "uc.sip";

    public static readonly SipEdgeSettings Default = new();

    public SipTransportSettings Transport { get; init; } = SipTransportSettings.Default;

    public SipDigestSettings Digest { get; init; } = new();

    /// <summary>Digest algorithms challenged with, most preferred first (<c>uc.sip.auth.algorithms</c>); others are refused.</summary>
    public IReadOnlyList<SipDigestAlgorithm> DigestAlgorithms { get; init; } = [SipDigestAlgorithm.Sha256, SipDigestAlgorithm.Md5];

    public SipRegistrarSettings Registrar { get; init; } = SipRegistrarSettings.Default;

    public SipPresenceSettings Presence { get; init; } = SipPresenceSettings.Default;

    public SipMessagingSettings Messaging { get; init; } = SipMessagingSettings.Default;

    /// <summary>Validates every part; throws <see cref="ArgumentException"/> naming the key.</summary>
    public SipEdgeSettings Validate()
    {
        Transport.Validate();
        Digest.Validate();
        if (DigestAlgorithms.Count == 0 || DigestAlgorithms.Distinct().Count() != DigestAlgorithms.Count)
            throw new ArgumentException("uc.sip.auth.algorithms must list at least one algorithm, each once");
        Registrar.Validate();
        Presence.Validate();
        Messaging.Validate();
        return this;
    }

    /// <summary>
    /// Reads <c>uc.sip</c> from a resolved configuration (reference.conf merged with the deployment's files). Errors are
    /// <see cref="ConfigException"/>s naming the file, line and key.
    /// </summary>
    public static SipEdgeSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string p = ConfigPath;
        var transport = new SipTransportSettings
        {
            UdpListen = EndPoints(config, $"{p}.udp.listen"),
            UdpQueueSize = config.GetIntInRange($"{p}.udp.queue-size", 1),
            TcpListen = EndPoints(config, $"{p}.tcp.listen"),
            TlsListen = EndPoints(config, $"{p}.tls.listen"),
            TlsCertificatePath = config.GetStringOrOff($"{p}.tls.certificate"),
            TlsCertificatePassword = config.GetStringOrOff($"{p}.tls.certificate-password"),
            ClientCertificateMode = ClientCertificateMode(config, $"{p}.tls.client-certificate"),
            TlsProtocols = Protocols(config, $"{p}.tls.protocols"),
            TlsVerifyServer = !config.IsOff($"{p}.tls.verify-server") && config.GetBoolean($"{p}.tls.verify-server"),
            TlsTrustedRoots = TrustedRoots(config, $"{p}.tls.ca-file"),
            TlsClientCertificate = ClientCertificate(config, $"{p}.tls.client-certificate-file"),
            AdvertisedHost = config.GetStringOrOff($"{p}.advertised-host"),
            MaxConnections = config.GetIntInRange($"{p}.max-connections", 1),
            IdleTimeout = NonNegative(config, $"{p}.idle-timeout"),
            ConnectTimeout = config.GetPositiveTimeSpan($"{p}.connect-timeout"),
            InboundQueueSize = config.GetIntInRange($"{p}.inbound-queue-size", 1),
            MaxMessageSize = ByteSizeAsInt(config, $"{p}.max-message-size", 1024),
            MaxHeaderSize = ByteSizeAsInt(config, $"{p}.max-header-size", 512),
            MaxTransactions = config.GetIntInRange($"{p}.max-transactions", 1),
            FlowTokenKey = config.GetStringOrOff($"{p}.flow-token-key"),
            Timers = new SipTimerSettings
            {
                T1 = config.GetPositiveTimeSpan($"{p}.timers.t1"),
                T2 = config.GetPositiveTimeSpan($"{p}.timers.t2"),
                T4 = config.GetPositiveTimeSpan($"{p}.timers.t4"),
                TimerDUnreliable = config.GetPositiveTimeSpan($"{p}.timers.timer-d"),
                TryingDelay = NonNegative(config, $"{p}.timers.trying-delay"),
            },
        };
        var digest = new SipDigestSettings
        {
            Realm = config.GetStringOrOff($"{p}.auth.realm") ?? throw config.Invalid($"{p}.auth.realm", "must name the digest realm"),
            NonceLifetime = config.GetPositiveTimeSpan($"{p}.auth.nonce-lifetime"),
            NonceCacheSize = config.GetIntInRange($"{p}.auth.nonce-cache-size", 1),
            NonceKey = config.GetStringOrOff($"{p}.auth.nonce-key"),
        };
        var algorithms = new List<SipDigestAlgorithm>();
        foreach (var token in config.GetStringList($"{p}.auth.algorithms"))
        {
            if (!SipDigest.TryParse(token, out var algorithm))
                throw config.Invalid($"{p}.auth.algorithms", $"'{token}' is not a supported digest algorithm (\"SHA-256\", \"MD5\")");
            algorithms.Add(algorithm);
        }
        var registrar = new SipRegistrarSettings
        {
            MinExpiresSeconds = Seconds(config, $"{p}.registrar.min-expires"),
            MaxExpiresSeconds = Seconds(config, $"{p}.registrar.max-expires"),
            DefaultExpiresSeconds = Seconds(config, $"{p}.registrar.default-expires"),
        };
        var presence = new SipPresenceSettings
        {
            MinExpiresSeconds = Seconds(config, $"{p}.presence.min-expires"),
            MaxExpiresSeconds = Seconds(config, $"{p}.presence.max-expires"),
            DefaultSubscribeExpiresSeconds = Seconds(config, $"{p}.presence.default-subscribe-expires"),
            DefaultPublishExpiresSeconds = Seconds(config, $"{p}.presence.default-publish-expires"),
            MaxSubscriptions = config.GetIntInRange($"{p}.presence.max-subscriptions", 1),
        };
        var messaging = new SipMessagingSettings { MaxBodySize = ByteSizeAsInt(config, $"{p}.messaging.max-body-size", 1) };
        var settings = new SipEdgeSettings { Transport = transport, Digest = digest, DigestAlgorithms = algorithms, Registrar = registrar, Presence = presence, Messaging = messaging };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message);
        }
    }

    private static IReadOnlyList<IPEndPoint> EndPoints(Config config, string path)
    {
        var list = new List<IPEndPoint>();
        foreach (var text in config.GetStringList(path))
        {
            if (!IPEndPoint.TryParse(text, out var ep) || ep.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal))
                throw config.Invalid(path, $"'{text}' is not an address with port (ip:port, or [v6]:port)");
            list.Add(ep);
        }
        return list;
    }

    private static SipClientCertificateMode ClientCertificateMode(Config config, string path)
    {
        if (config.IsOff(path)) return SipClientCertificateMode.None;
        return config.GetString(path) switch
        {
            "none" => SipClientCertificateMode.None,
            "optional" => SipClientCertificateMode.Optional,
            "required" => SipClientCertificateMode.Required,
            var other => throw config.Invalid(path, $"'{other}' is not one of none, optional, required"),
        };
    }

    private static SslProtocols Protocols(Config config, string path)
    {
        var protocols = SslProtocols.None;
        foreach (var text in config.GetStringList(path))
        {
            protocols |= text switch
            {
                "1.2" => SslProtocols.Tls12,
                "1.3" => SslProtocols.Tls13,
                _ => throw config.Invalid(path, $"'{text}' is not a supported TLS version (\"1.2\", \"1.3\")"),
            };
        }
        return protocols == SslProtocols.None ? throw config.Invalid(path, "must name at least one TLS version") : protocols;
    }

    private static X509Certificate2Collection? TrustedRoots(Config config, string path)
    {
        if (config.GetStringOrOff(path) is not { } file) return null;
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(file);
            return roots;
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw config.Invalid(path, $"'{file}' could not be read as PEM certificates: {ex.Message}");
        }
    }

    private static X509Certificate2? ClientCertificate(Config config, string path)
    {
        if (config.GetStringOrOff(path) is not { } file) return null;
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(file, null);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw config.Invalid(path, $"'{file}' could not be loaded as PKCS#12: {ex.Message}");
        }
    }

    private static TimeSpan NonNegative(Config config, string path)
    {
        var value = config.GetTimeSpan(path);
        return value < TimeSpan.Zero ? throw config.Invalid(path, $"must not be negative but is {value}") : value;
    }

    private static int Seconds(Config config, string path)
    {
        var value = config.GetPositiveTimeSpan(path);
        if (value.Ticks % TimeSpan.TicksPerSecond != 0 || value.TotalSeconds > int.MaxValue)
            throw config.Invalid(path, $"must be a whole number of seconds but is {value}");
        return (int)value.TotalSeconds;
    }

    private static int ByteSizeAsInt(Config config, string path, int min)
    {
        var value = config.GetByteSize(path);
        return value < min || value > int.MaxValue ? throw config.Invalid(path, $"must be between {min} and {int.MaxValue} bytes but is {value}") : (int)value;
    }
}
