namespace Cluster.Runtime.Remoting;

/// <summary>
/// Settings of the node-to-node transport, read from <c>uc.remote.*</c> (see this folder's reference.conf for the
/// meaning and unit of every key). The transport never reads configuration itself: whoever loads HOCON builds this
/// record, and <see cref="Validate"/> rejects inconsistent values with a message naming the key.
/// </summary>
public sealed record RemotingSettings
{
    /// <summary>Default remoting port of the reference products.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Cluster/actor-system name; a peer with a different name is refused during the handshake.</summary>
    public string SystemName { get; init; } = "uc";

    /// <summary>Interface to listen on (<c>0.0.0.0</c> for all IPv4 interfaces).</summary>
    public string BindHost { get; init; } = "0.0.0.0";

    /// <summary>Port to listen on; 0 picks a free port (tests), the bound port is then also the public port.</summary>
    public int BindPort { get; init; } = DefaultPort;

    /// <summary>Host that other nodes use to reach this one; empty means the bind host (the machine name if wildcard).</summary>
    public string PublicHost { get; init; } = "";

    /// <summary>Port other nodes use to reach this one; 0 means the bound port.</summary>
    public int PublicPort { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound of each association's user-message queue; a send beyond it is dropped and counted.</summary>
    public int SendQueueCapacity { get; init; } = 20_000;

    /// <summary>Bound of each association's system-message queue (written before user messages).</summary>
    public int SystemQueueCapacity { get; init; } = 1_000;

    /// <summary>Largest frame accepted or sent, in bytes, excluding the 4-byte length prefix.</summary>
    public int MaxFrameSize { get; init; } = 256 * 1024;

    /// <summary>Bytes coalesced into one socket write by the writer loop.</summary>
    public int WriteBatchSize { get; init; } = 64 * 1024;

    public TimeSpan ReconnectBackoffMin { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a graceful shutdown waits for queued frames to be written before closing anyway.</summary>
    public TimeSpan ShutdownFlushTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Minimum time between two log lines about the same repeated condition (queue drops, handler errors).</summary>
    public TimeSpan LogRateLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Default settings (what reference.conf says).</summary>
    public static RemotingSettings Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the <c>uc.remote</c> key of the first invalid value.</summary>
    public RemotingSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(SystemName)) Fail("system-name", "must not be empty");
        if (System.Text.Encoding.UTF8.GetByteCount(SystemName) > 255) Fail("system-name", "must be at most 255 bytes of UTF-8");
        if (string.IsNullOrWhiteSpace(BindHost)) Fail("bind-hostname", "must not be empty");
        if (BindPort is < 0 or > 65535) Fail("bind-port", $"{BindPort} is not in 0..65535");
        if (PublicPort is < 0 or > 65535) Fail("public-port", $"{PublicPort} is not in 0..65535");
        Positive(ConnectTimeout, "connect-timeout");
        Positive(HandshakeTimeout, "handshake-timeout");
        if (SendQueueCapacity < 1) Fail("send-queue-capacity", "must be at least 1");
        if (SystemQueueCapacity < 1) Fail("system-queue-capacity", "must be at least 1");
        if (MaxFrameSize is < 1024 or > 64 * 1024 * 1024) Fail("maximum-frame-size", $"{MaxFrameSize} is not in 1 KiB..64 MiB");
        if (WriteBatchSize is < 1024 or > 16 * 1024 * 1024) Fail("write-batch-size", $"{WriteBatchSize} is not in 1 KiB..16 MiB");
        Positive(ReconnectBackoffMin, "reconnect-backoff-min");
        if (ReconnectBackoffMax < ReconnectBackoffMin) Fail("reconnect-backoff-max", "must not be below reconnect-backoff-min");
        Positive(HeartbeatInterval, "heartbeat-interval");
        if (AcceptableHeartbeatPause <= HeartbeatInterval)
            Fail("acceptable-heartbeat-pause", $"{AcceptableHeartbeatPause} must be longer than heartbeat-interval ({HeartbeatInterval})");
        Positive(ShutdownFlushTimeout, "shutdown-flush-timeout");
        if (LogRateLimit < TimeSpan.Zero) Fail("log-rate-limit", "must not be negative");
        return this;
    }

    private static void Positive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero) Fail(key, $"{value} must be positive");
    }

    private static void Fail(string key, string problem) =>
        throw new ArgumentException($"uc.remote.{key}: {problem}.");
}
