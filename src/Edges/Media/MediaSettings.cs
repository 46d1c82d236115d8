using System.Net;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Relay;
using Cluster.Edges.Media.Rtcp;
using Cluster.Edges.Media.Sdp;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Media;

/// <summary>
/// Settings of the media edge (<c>uc.media.*</c> in Media/reference.conf): the port range and its slots, addresses,
/// DSCP marking, latching, silence release and quality thresholds. Read once at start-up so a bad value stops the
/// node instead of failing the first call.
/// </summary>
public sealed record MediaSettings
{
    public const string ConfigPath = "uc.media";

    public static MediaSettings Default { get; } = new();

    /// <summary>The node's media ports (uc.media.port-range.min/max).</summary>
    public MediaPortRange PortRange { get; init; } = new(30000, 33000);

    /// <summary>Whether start-up compares the range with the kernel's ephemeral range.</summary>
    public bool EphemeralRangeCheck { get; init; } = true;

    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Address written into SDP; null = "auto" (bind address if concrete, else the default-route interface).</summary>
    public IPAddress? PublicAddress { get; init; }

    /// <summary>DSCP (0..63) set on media sockets; null leaves the default marking.</summary>
    public int? Dscp { get; init; } = 46;

    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Silence timeout of a held stream; <see cref="Timeout.InfiniteTimeSpan"/> = never.</summary>
    public TimeSpan HoldSilenceTimeout { get; init; } = TimeSpan.FromHours(2);

    public TimeSpan SilenceCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    public LatchMode LatchMode { get; init; } = LatchMode.AnyIfPrivate;

    /// <summary>Silence of the latched source after which another source may take over; infinite = never.</summary>
    public TimeSpan RelatchTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool RelatchRequiresSsrcChange { get; init; } = true;

    public IcePolicy Ice { get; init; } = IcePolicy.Strip;

    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry-After for the 503 a call answers when no slot is free.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxPacketSize { get; init; } = 2048;

    public MediaQualityThresholds Quality { get; init; } = new();

    /// <summary>Slots the range holds: 4 ports each, starting at the first even port.</summary>
    public int SlotCount => MediaSlotLayout.SlotCount(PortRange);

    /// <summary>Reads <c>uc.media</c>; <paramref name="config"/> must include the reference defaults.</summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range.</exception>
    public static MediaSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string p = ConfigPath;
        var min = config.GetIntInRange($"{p}.port-range.min", 1024, 65535);
        var max = config.GetIntInRange($"{p}.port-range.max", 1024, 65535);
        if (max < min + 3)
            throw config.Invalid($"{p}.port-range.max", $"must leave room for at least one slot of 4 ports above min = {min} but is {max}");
        var dscp = config.IsOff($"{p}.dscp") ? (int?)null : config.GetIntInRange($"{p}.dscp", 0, 63);
        var settings = new MediaSettings
        {
            PortRange = new MediaPortRange(min, max),
            EphemeralRangeCheck = config.GetBoolean($"{p}.ephemeral-range-check"),
            BindAddress = Address(config, $"{p}.bind-address"),
            PublicAddress = config.GetString($"{p}.public-address") is "auto" ? null : Address(config, $"{p}.public-address"),
            Dscp = dscp,
            SilenceTimeout = config.GetPositiveTimeSpan($"{p}.silence-timeout"),
            HoldSilenceTimeout = config.GetPositiveTimeSpan($"{p}.hold-silence-timeout", allowInfinite: true),
            SilenceCheckInterval = config.GetPositiveTimeSpan($"{p}.silence-check-interval"),
            LatchMode = config.GetString($"{p}.latch-mode") switch
            {
                "sdp-address" => LatchMode.SdpAddress,
                "any-if-private" => LatchMode.AnyIfPrivate,
                "any" => LatchMode.Any,
                var other => throw config.Invalid($"{p}.latch-mode", $"must be sdp-address, any-if-private or any but is '{other}'"),
            },
            RelatchTimeout = config.GetPositiveTimeSpan($"{p}.relatch.timeout", allowInfinite: true),
            RelatchRequiresSsrcChange = config.GetBoolean($"{p}.relatch.require-ssrc-change"),
            Ice = config.GetString($"{p}.ice") switch
            {
                "strip" => IcePolicy.Strip,
                "pass" => IcePolicy.Pass,
                var other => throw config.Invalid($"{p}.ice", $"must be strip or pass but is '{other}'"),
            },
            RtcpInterval = config.GetPositiveTimeSpan($"{p}.rtcp-interval"),
            RetryAfter = config.GetPositiveTimeSpan($"{p}.retry-after"),
            MaxPacketSize = config.GetIntInRange($"{p}.max-packet-size", 64, 65507),
            Quality = new MediaQualityThresholds
            {
                MaxOneWayDelay = config.GetPositiveTimeSpan($"{p}.quality.max-one-way-delay"),
                MaxJitter = config.GetPositiveTimeSpan($"{p}.quality.max-jitter"),
                MaxLossPercent = LossPercent(config, $"{p}.quality.max-loss-percent"),
            },
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

    /// <summary>Throws <see cref="ArgumentException"/> naming the key when a value cannot work.</summary>
    public void Validate()
    {
        if (PortRange.Min < 1024)
            throw new ArgumentException($"uc.media.port-range.min must be at least 1024, got {PortRange.Min}");
        if (SlotCount < 1)
            throw new ArgumentException($"uc.media.port-range {PortRange} holds no slot of 4 ports starting at an even port");
        if (Dscp is < 0 or > 63)
            throw new ArgumentException($"uc.media.dscp must be between 0 and 63 (or off), got {Dscp}");
        if (PublicAddress is { } pub && (pub.Equals(IPAddress.Any) || pub.Equals(IPAddress.IPv6Any)))
            throw new ArgumentException("uc.media.public-address must be a concrete address (or auto), not a wildcard");
        if (SilenceTimeout <= TimeSpan.Zero || SilenceCheckInterval <= TimeSpan.Zero || RtcpInterval <= TimeSpan.Zero || RetryAfter <= TimeSpan.Zero)
            throw new ArgumentException("uc.media.silence-timeout, silence-check-interval, rtcp-interval and retry-after must be positive");
        if (MaxPacketSize is < 64 or > 65507)
            throw new ArgumentException($"uc.media.max-packet-size must be between 64 and 65507, got {MaxPacketSize}");
        if (Quality.MaxLossPercent is < 0 or > 100)
            throw new ArgumentException($"uc.media.quality.max-loss-percent must be between 0 and 100, got {Quality.MaxLossPercent}");
    }

    private static IPAddress Address(Config config, string path) =>
        IPAddress.TryParse(config.GetString(path), out var address)
            ? address
            : throw config.Invalid(path, $"'{config.GetString(path)}' is not an IP address");

    private static double LossPercent(Config config, string path)
    {
        var value = config.GetDouble(path);
        return value is >= 0 and <= 100 ? value : throw config.Invalid(path, $"must be between 0 and 100 but is {value}");
    }
}
