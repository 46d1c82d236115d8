namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// One SRV service the cluster can publish: its owner label under the domain, the <c>uc.dns.zone.ports.*</c> key that
/// overrides its port, and the spec or convention that defines it. A closed set, so that the builder, the settings
/// reader and the documentation cannot disagree about which services exist.
/// </summary>
public sealed record ZoneService
{
    private ZoneService(string label, string configKey, string reference)
    {
        Label = label;
        ConfigKey = configKey;
        Reference = reference;
    }

    /// <summary>SIP over UDP (RFC 3263 §4.2, RFC 2782).</summary>
    public static ZoneService SipUdp { get; } = new("_sip._udp", "sip-udp", "RFC 3263 §4.2");

    /// <summary>SIP over TCP (RFC 3263 §4.2).</summary>
    public static ZoneService SipTcp { get; } = new("_sip._tcp", "sip-tcp", "RFC 3263 §4.2");

    /// <summary>SIPS, i.e. SIP over TLS (RFC 3263 §4.2, RFC 3261 §26.2).</summary>
    public static ZoneService SipsTcp { get; } = new("_sips._tcp", "sips-tcp", "RFC 3263 §4.2");

    /// <summary>SIP federation over mutual TLS, the record partner servers (Lync/Skype for Business, ProCall) look up.</summary>
    public static ZoneService SipFederationTls { get; } = new("_sipfederationtls._tcp", "federation-tls", "federation partners");

    /// <summary>Client web services, as the estos ProCall / XPhone apps discover them.</summary>
    public static ZoneService CtiWebServer { get; } = new("_ctiwebserver._tcp", "cti-web", "estos/XPhone client discovery");

    /// <summary>STUN over UDP (RFC 8489 §8).</summary>
    public static ZoneService StunUdp { get; } = new("_stun._udp", "stun-udp", "RFC 8489 §8");

    /// <summary>STUN over TCP (RFC 8489 §8).</summary>
    public static ZoneService StunTcp { get; } = new("_stun._tcp", "stun-tcp", "RFC 8489 §8");

    /// <summary>TURN over UDP (RFC 5928 §3).</summary>
    public static ZoneService TurnUdp { get; } = new("_turn._udp", "turn-udp", "RFC 5928 §3");

    /// <summary>TURN over TCP (RFC 5928 §3).</summary>
    public static ZoneService TurnTcp { get; } = new("_turn._tcp", "turn-tcp", "RFC 5928 §3");

    /// <summary>TURN over TLS (RFC 5928 §3); the nodes have no TLS listener for it, so only a load balancer offers it.</summary>
    public static ZoneService TurnsTcp { get; } = new("_turns._tcp", "turns-tcp", "RFC 5928 §3");

    /// <summary>Every service, in the order the zone fragment lists them.</summary>
    public static IReadOnlyList<ZoneService> All { get; } =
        [SipsTcp, SipTcp, SipUdp, SipFederationTls, CtiWebServer, StunUdp, StunTcp, TurnUdp, TurnTcp, TurnsTcp];

    /// <summary>Owner label in front of the domain, e.g. <c>_sip._udp</c>.</summary>
    public string Label { get; }

    /// <summary>Key under <c>uc.dns.zone.ports</c>, e.g. <c>sip-udp</c>.</summary>
    public string ConfigKey { get; }

    /// <summary>Where the record is defined, for the zone comments.</summary>
    public string Reference { get; }

    public override string ToString() => Label;
}
