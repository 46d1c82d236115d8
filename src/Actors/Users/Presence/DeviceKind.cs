namespace Cluster.Actors.Users;

/// <summary>Where a presence source comes from: a SIP registration or a web/app session.</summary>
public enum DeviceKind
{
    Sip,
    Web,
}
