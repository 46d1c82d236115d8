namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// One <c>uc.dns.zone.ports.*</c> value. A load balancer or NAT in front of the nodes may publish other ports than
/// the nodes listen on, or publish a service the nodes do not terminate themselves (TLS for TURN), so every SRV record
/// can be pinned to a port or suppressed independently of the listener settings.
/// </summary>
public readonly record struct PortOverride
{
    private PortOverride(bool isAuto, int? port)
    {
        IsAuto = isAuto;
        Port = port;
    }

    /// <summary>Use the port of the node's own listener (the default).</summary>
    public static PortOverride Auto { get; } = new(true, null);

    /// <summary>Do not publish the record, whatever the listener does.</summary>
    public static PortOverride Off { get; } = new(false, null);

    /// <summary>True for <see cref="Auto"/>.</summary>
    public bool IsAuto { get; }

    /// <summary>The port to publish; null for <see cref="Auto"/> and <see cref="Off"/>.</summary>
    public int? Port { get; }

    /// <summary>Publish <paramref name="port"/> (1..65535) whatever the listener does.</summary>
    public static PortOverride Publish(int port) => port is >= 1 and <= 65535
        ? new PortOverride(false, port)
        : throw new ArgumentOutOfRangeException(nameof(port), port, "a published port must be between 1 and 65535");

    public override string ToString() => IsAuto ? "auto" : Port is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "off";
}
