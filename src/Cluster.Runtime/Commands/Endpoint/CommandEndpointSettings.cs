using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Commands.Endpoint;

/// <summary>
/// Settings of the operator command endpoint (<c>uc.shell.*</c> in reference.conf). Defaults keep the endpoint on
/// loopback with no token: only someone logged in on the node can drive it until an operator opts into remote use.
/// </summary>
public sealed record CommandEndpointSettings
{
    public const string ConfigPath = "uc.shell";

    /// <summary>Whether the node opens the endpoint at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Address to listen on; <c>127.0.0.1</c> by default, <c>0.0.0.0</c> for all IPv4 interfaces.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 9110 like Petabridge.Cmd. 0 picks a free port (tests).</summary>
    public int Port { get; init; } = 9110;

    /// <summary>Secret that clients not on loopback must present; null means remote clients are refused.</summary>
    public string? OperatorToken { get; init; }

    /// <summary>Most shell connections open at once; further clients are told so and disconnected.</summary>
    public int MaxConnections { get; init; } = 16;

    /// <summary>Frames buffered per connection before a writing command waits for the client to read.</summary>
    public int OutputQueueFrames { get; init; } = 1024;

    /// <summary>How long a new client has to send its hello frame.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest frame (one JSON line) accepted from a client, in bytes.</summary>
    public int MaxFrameBytes { get; init; } = 64 * 1024;

    /// <summary>Reads <c>uc.shell</c>; errors name the file, line and key.</summary>
    public static CommandEndpointSettings FromConfig(Config config)
    {
        const string p = ConfigPath;
        var settings = new CommandEndpointSettings
        {
            Enabled = config.GetBoolean($"{p}.enabled"),
            Host = config.GetString($"{p}.host"),
            Port = config.GetIntInRange($"{p}.port", 0, 65535),
            OperatorToken = config.GetStringOrOff($"{p}.token"),
            MaxConnections = config.GetIntInRange($"{p}.max-connections", 1),
            OutputQueueFrames = config.GetIntInRange($"{p}.output-queue", 16),
            HandshakeTimeout = config.GetPositiveTimeSpan($"{p}.handshake-timeout"),
            MaxFrameBytes = (int)Math.Min(int.MaxValue, config.GetByteSize($"{p}.max-frame")),
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

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when a value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException("uc.shell.host must not be empty");
        if (Port is < 0 or > 65535)
            throw new ArgumentException($"uc.shell.port must be between 0 and 65535, got {Port}");
        if (OperatorToken is { } token && token.Trim().Length < 8)
            throw new ArgumentException("uc.shell.token must be at least 8 characters (or off)");
        if (MaxConnections < 1)
            throw new ArgumentException($"uc.shell.max-connections must be at least 1, got {MaxConnections}");
        if (OutputQueueFrames < 16)
            throw new ArgumentException($"uc.shell.output-queue must be at least 16 frames, got {OutputQueueFrames}");
        if (HandshakeTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"uc.shell.handshake-timeout must be positive, got {HandshakeTimeout}");
        if (MaxFrameBytes < 1024)
            throw new ArgumentException($"uc.shell.max-frame must be at least 1024 bytes, got {MaxFrameBytes}");
    }
}
