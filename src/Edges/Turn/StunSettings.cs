using System.Net;

namespace Cluster.Edges.Turn;

/// <summary>
/// Settings of the STUN listeners (<c>uc.turn.listen.*</c> and <c>uc.turn.software</c> in reference.conf). A plain
/// record with the reference defaults; the node's settings loader fills it from HOCON.
/// </summary>
public sealed record StunSettings
{
    /// <summary>Default STUN/TURN port (RFC 8489 §18.6, design.md defaults).</summary>
    public const int DefaultPort = 3478;

    /// <summary>Address to bind; IPv6Any binds dual-stack so IPv4 clients are served too.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.IPv6Any;

    public int Port { get; init; } = DefaultPort;

    public bool UdpEnabled { get; init; } = true;

    public bool TcpEnabled { get; init; } = true;

    /// <summary>SOFTWARE attribute value on responses (RFC 8489 §14.14); empty to omit it.</summary>
    public string Software { get; init; } = "uc-turn";

    /// <summary>Answer RFC 3489 clients (no magic cookie) with MAPPED-ADDRESS.</summary>
    public bool AllowRfc3489 { get; init; } = true;

    /// <summary>Concurrent receive loops on the UDP socket.</summary>
    public int UdpReceiveLoops { get; init; } = 1;

    /// <summary>Open TCP connections beyond which new ones are closed at once (shed load at the edge).</summary>
    public int MaxTcpConnections { get; init; } = 1024;

    /// <summary>A TCP connection that sends nothing for this long is closed.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest STUN frame accepted on TCP; larger frames close the connection.</summary>
    public int MaxTcpFrameBytes { get; init; } = 8192;

    /// <summary>
    /// Frame ChannelData with RFC 5766 channel numbers (0x5000-0x7FFF) on TCP instead of closing the connection. Set
    /// by <see cref="TurnServer"/> from <c>uc.turn.relay.rfc5766-channels</c>; a plain STUN server leaves it off.
    /// </summary>
    public bool AcceptRfc5766Channels { get; init; }

    /// <summary>Throws with the offending key when a value is out of range.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "uc.turn.listen.port must be 0..65535 (0 = any free port).");
        }

        if (UdpReceiveLoops < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(UdpReceiveLoops), UdpReceiveLoops, "uc.turn.listen.udp-receive-loops must be at least 1.");
        }

        if (MaxTcpConnections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTcpConnections), MaxTcpConnections, "uc.turn.listen.max-tcp-connections must be at least 1.");
        }

        if (TcpIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TcpIdleTimeout), TcpIdleTimeout, "uc.turn.listen.tcp-idle-timeout must be positive.");
        }

        if (MaxTcpFrameBytes is < Stun.StunConstants.HeaderLength or > Stun.StunConstants.MaxMessageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTcpFrameBytes), MaxTcpFrameBytes, "uc.turn.listen.max-tcp-frame must be 20..65555 bytes.");
        }
    }
}
