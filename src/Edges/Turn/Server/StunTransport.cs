namespace Cluster.Edges.Turn.Server;

/// <summary>Transport a request arrived on; decides framing details such as ChannelData padding (RFC 8656 §12.5).</summary>
public enum StunTransport : byte
{
    Udp,
    Tcp,
    Tls,
}
