namespace Cluster.Edges.Media.Sdp;

/// <summary>
/// The <c>o=</c> line (RFC 4566 §5.2). <see cref="SessionVersion"/> must grow by one with every changed description
/// in a session (RFC 3264 §8), which is why the anchor owns the origin of what it sends.
/// </summary>
public sealed record SdpOrigin(string Username, string SessionId, ulong SessionVersion, string NetType, string AddressType, string Address)
{
    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetType} {AddressType} {Address}";
}
