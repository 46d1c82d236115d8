using System.Net;
using Cluster.Runtime.Hocon;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn;

public sealed partial record TurnSettings
{
    public const string ConfigPath = "uc.turn";

    /// <summary>Whether the node runs the STUN/TURN server at all (<c>uc.turn.enabled</c>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Reads <c>uc.turn</c>; errors name the file, line and key.</summary>
    public static TurnSettings FromConfig(Config config)
    {
        const string p = ConfigPath;
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in config.GetObjectKeys($"{p}.auth.users"))
        {
            users[user] = config.GetString($"{p}.auth.users.{Runtime.Hocon.ConfigPath.RenderKey(user)}");
        }

        var settings = new TurnSettings
        {
            Enabled = config.GetBoolean($"{p}.enabled"),
            Stun = new StunSettings
            {
                ListenAddress = Address(config, $"{p}.listen.address"),
                Port = config.GetIntInRange($"{p}.listen.port", 0, 65535),
                UdpEnabled = config.GetBoolean($"{p}.listen.udp"),
                TcpEnabled = config.GetBoolean($"{p}.listen.tcp"),
                Software = config.GetString($"{p}.software"),
                AllowRfc3489 = config.GetBoolean($"{p}.listen.allow-rfc3489"),
                UdpReceiveLoops = config.GetIntInRange($"{p}.listen.udp-receive-loops", 1),
                MaxTcpConnections = config.GetIntInRange($"{p}.listen.max-tcp-connections", 1),
                TcpIdleTimeout = config.GetPositiveTimeSpan($"{p}.listen.tcp-idle-timeout"),
                MaxTcpFrameBytes = (int)Math.Min(int.MaxValue, config.GetByteSize($"{p}.listen.max-tcp-frame")),
            },
            Realm = config.GetString($"{p}.realm"),
            AuthSecrets = config.GetStringList($"{p}.auth.secrets"),
            CredentialTtl = config.GetPositiveTimeSpan($"{p}.auth.credential-ttl"),
            RestSeparator = SingleChar(config, $"{p}.auth.rest-separator"),
            Uris = config.GetStringList($"{p}.auth.uris"),
            PasswordAlgorithms = config.GetStringList($"{p}.auth.password-algorithms").Select(a => a.ToLowerInvariant() switch
            {
                "sha256" or "sha-256" => StunPasswordAlgorithm.Sha256,
                "md5" => StunPasswordAlgorithm.Md5,
                _ => throw config.Invalid($"{p}.auth.password-algorithms", $"unknown password algorithm '{a}'; valid: sha256, md5"),
            }).ToArray(),
            NonceLifetime = config.GetPositiveTimeSpan($"{p}.auth.nonce-lifetime"),
            NonceKey = config.GetString($"{p}.auth.nonce-key"),
            StaticUsers = users,
            PeerDenyDefaults = config.GetBoolean($"{p}.peer-policy.deny-defaults"),
            PeerAllow = config.GetStringList($"{p}.peer-policy.allow"),
            PeerDeny = config.GetStringList($"{p}.peer-policy.deny"),
            RelayPortMin = config.GetIntInRange($"{p}.relay.port-min", 1, 65535),
            RelayPortMax = config.GetIntInRange($"{p}.relay.port-max", 1, 65535),
            DefaultAllocationLifetime = config.GetPositiveTimeSpan($"{p}.relay.default-lifetime"),
            MaxAllocationLifetime = config.GetPositiveTimeSpan($"{p}.relay.max-lifetime"),
            RelayAddress = Address(config, $"{p}.relay.address"),
            RelayPublicAddress = config.GetStringOrOff($"{p}.relay.public-address") is null ? null : Address(config, $"{p}.relay.public-address"),
            RelayMaxDatagram = (int)Math.Min(int.MaxValue, config.GetByteSize($"{p}.relay.max-datagram")),
            Rfc5766Channels = config.GetBoolean($"{p}.relay.rfc5766-channels"),
            UserQuota = config.GetIntInRange($"{p}.quota.user", 1),
            TotalQuota = config.GetIntInRange($"{p}.quota.total", 1),
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message, e);
        }
        return settings;
    }

    private static IPAddress Address(Config config, string path)
    {
        var text = config.GetString(path);
        return IPAddress.TryParse(text, out var address) ? address : throw config.Invalid(path, $"'{text}' is not an IP address");
    }

    private static char SingleChar(Config config, string path)
    {
        var text = config.GetString(path);
        return text.Length == 1 ? text[0] : throw config.Invalid(path, $"must be exactly one character but is '{text}'");
    }
}
