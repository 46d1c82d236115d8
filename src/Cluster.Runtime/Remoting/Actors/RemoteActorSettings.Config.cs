using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Remoting;

public sealed partial record RemoteActorSettings
{
    /// <summary>
    /// Reads <c>uc.remote.*</c> (transport) and <c>uc.remote.actor.*</c>; message registrations stay code
    /// (<c>with { RegisterMessages = ... }</c>). Errors name the file, line and key; the result is validated.
    /// </summary>
    public static RemoteActorSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string r = "uc.remote";
        var transport = new RemotingSettings
        {
            SystemName = config.GetString($"{r}.system-name"),
            BindHost = config.GetString($"{r}.bind-hostname"),
            BindPort = config.GetIntInRange($"{r}.bind-port", 0, 65535),
            PublicHost = config.GetString($"{r}.public-hostname"),
            PublicPort = config.GetIntInRange($"{r}.public-port", 0, 65535),
            ConnectTimeout = config.GetPositiveTimeSpan($"{r}.connect-timeout"),
            HandshakeTimeout = config.GetPositiveTimeSpan($"{r}.handshake-timeout"),
            SendQueueCapacity = config.GetIntInRange($"{r}.send-queue-capacity", 1),
            SystemQueueCapacity = config.GetIntInRange($"{r}.system-queue-capacity", 1),
            MaxFrameSize = ByteSize(config, $"{r}.maximum-frame-size"),
            WriteBatchSize = ByteSize(config, $"{r}.write-batch-size"),
            ReconnectBackoffMin = config.GetPositiveTimeSpan($"{r}.reconnect-backoff-min"),
            ReconnectBackoffMax = config.GetPositiveTimeSpan($"{r}.reconnect-backoff-max"),
            HeartbeatInterval = config.GetPositiveTimeSpan($"{r}.heartbeat-interval"),
            AcceptableHeartbeatPause = config.GetPositiveTimeSpan($"{r}.acceptable-heartbeat-pause"),
            ShutdownFlushTimeout = config.GetPositiveTimeSpan($"{r}.shutdown-flush-timeout"),
            LogRateLimit = config.GetTimeSpan($"{r}.log-rate-limit"),
        };
        var settings = new RemoteActorSettings
        {
            Transport = transport,
            AddressTerminatedAfter = config.GetPositiveTimeSpan($"{r}.actor.address-terminated-after"),
            ResolveCacheSize = config.GetIntInRange($"{r}.actor.resolve-cache-size", 16),
        };
        return settings.Validate();
    }

    private static int ByteSize(Config config, string path)
    {
        var bytes = config.GetByteSize(path);
        if (bytes is < 0 or > int.MaxValue) throw config.Invalid(path, $"{bytes} bytes is out of range");
        return (int)bytes;
    }
}
