using System.Net;
using Cluster.Edges.Sip.Transport;
using Cluster.Edges.Turn;
using Cluster.Edges.Web;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// The ports this node's listeners use, as the zone builder needs them: SIP UDP/TCP/TLS, web HTTP/HTTPS and the
/// STUN/TURN UDP/TCP port. Kept separate from <see cref="DnsZoneSettings"/> because they belong to other subsystems;
/// the zone only mirrors them (subject to the <c>uc.dns.zone.ports.*</c> overrides).
/// </summary>
public sealed record ZonePorts
{
    /// <summary>The reference.conf defaults (SIP 5060/5060/5061, web 7224/7225, STUN/TURN 3478 UDP and TCP).</summary>
    public static ZonePorts Default { get; } = new()
    {
        SipUdp = ListenerPort.On(5060, "uc.sip.udp.listen"),
        SipTcp = ListenerPort.On(5060, "uc.sip.tcp.listen"),
        SipTls = ListenerPort.On(5061, "uc.sip.tls.listen"),
        WebHttp = ListenerPort.On(7224, "uc.web.http-port"),
        WebHttps = ListenerPort.On(7225, "uc.web.https-port"),
        TurnUdp = ListenerPort.On(3478, "uc.turn.listen.port"),
        TurnTcp = ListenerPort.On(3478, "uc.turn.listen.port"),
    };

    public required ListenerPort SipUdp { get; init; }

    public required ListenerPort SipTcp { get; init; }

    /// <summary>The SIP TLS listener; SIPS and federation are both published on it.</summary>
    public required ListenerPort SipTls { get; init; }

    public required ListenerPort WebHttp { get; init; }

    public required ListenerPort WebHttps { get; init; }

    /// <summary>STUN and TURN over UDP share one port (RFC 8656 §3).</summary>
    public required ListenerPort TurnUdp { get; init; }

    /// <summary>STUN and TURN over TCP share one port.</summary>
    public required ListenerPort TurnTcp { get; init; }

    /// <summary>
    /// Reads only the listener keys (<c>uc.sip.{udp,tcp,tls}.listen</c>, <c>uc.web.http-port</c>/<c>https-port</c>,
    /// <c>uc.turn.enabled</c>/<c>listen.port</c>/<c>listen.udp</c>/<c>listen.tcp</c>) with the meaning their
    /// reference.conf comments give. Unlike the edges' own settings readers it needs no certificates or other
    /// resources, so the zone can be printed on a node that does not run those edges (or before certificates exist).
    /// Where a listen list has several entries, the first one's port is published.
    /// </summary>
    public static ZonePorts FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var turnEnabled = config.GetBoolean("uc.turn.enabled");
        var turnPort = config.GetIntInRange("uc.turn.listen.port", 0, 65535);
        return new ZonePorts
        {
            SipUdp = FromListenList(config, "uc.sip.udp.listen"),
            SipTcp = FromListenList(config, "uc.sip.tcp.listen"),
            SipTls = FromListenList(config, "uc.sip.tls.listen"),
            WebHttp = WebPort(config, "uc.web.http-port"),
            WebHttps = WebPort(config, "uc.web.https-port"),
            TurnUdp = Turn(turnEnabled, turnPort, config.GetBoolean("uc.turn.listen.udp"), "uc.turn.listen.udp"),
            TurnTcp = Turn(turnEnabled, turnPort, config.GetBoolean("uc.turn.listen.tcp"), "uc.turn.listen.tcp"),
        };
    }

    /// <summary>The same from the edges' settings records, for a host that has already read them.</summary>
    public static ZonePorts FromSettings(SipTransportSettings sip, WebSettings web, TurnSettings turn)
    {
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(turn);
        return new ZonePorts
        {
            SipUdp = FromEndPoints(sip.UdpListen, "uc.sip.udp.listen"),
            SipTcp = FromEndPoints(sip.TcpListen, "uc.sip.tcp.listen"),
            SipTls = FromEndPoints(sip.TlsListen, "uc.sip.tls.listen"),
            WebHttp = web.HttpPort is { } http ? ListenerPort.FromConfigured(http, "uc.web.http-port") : ListenerPort.Off("uc.web.http-port is off"),
            WebHttps = web.HttpsPort is { } https ? ListenerPort.FromConfigured(https, "uc.web.https-port") : ListenerPort.Off("uc.web.https-port is off"),
            TurnUdp = Turn(turn.Enabled, turn.Stun.Port, turn.Stun.UdpEnabled, "uc.turn.listen.udp"),
            TurnTcp = Turn(turn.Enabled, turn.Stun.Port, turn.Stun.TcpEnabled, "uc.turn.listen.tcp"),
        };
    }

    private static ListenerPort FromListenList(Config config, string path)
    {
        var endPoints = new List<IPEndPoint>();
        foreach (var text in config.GetStringList(path))
        {
            // Same grammar as the SIP edge: "ip:port" or "[v6]:port" (reference.conf of uc.sip).
            if (!IPEndPoint.TryParse(text, out var endPoint) || endPoint.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal))
                throw config.Invalid(path, $"'{text}' is not an address with port (ip:port, or [v6]:port)");
            endPoints.Add(endPoint);
        }
        return FromEndPoints(endPoints, path);
    }

    private static ListenerPort FromEndPoints(IReadOnlyList<IPEndPoint> endPoints, string path) => endPoints.Count == 0
        ? ListenerPort.Off($"{path} is empty (no listener)")
        : ListenerPort.FromConfigured(endPoints[0].Port, path);

    private static ListenerPort WebPort(Config config, string path) => config.IsOff(path)
        ? ListenerPort.Off($"{path} is off")
        : ListenerPort.FromConfigured(config.GetIntInRange(path, 0, 65535), path);

    private static ListenerPort Turn(bool enabled, int port, bool transportEnabled, string transportKey)
    {
        if (!enabled)
            return ListenerPort.Off("uc.turn.enabled is off");
        if (!transportEnabled)
            return ListenerPort.Off($"{transportKey} is off");
        return ListenerPort.FromConfigured(port, "uc.turn.listen.port");
    }
}
