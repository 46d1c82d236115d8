namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// CSeq (RFC 3261 §20.16): the sequence number (below 2^31, §8.1.1.5) and the method it counts. The method text is
/// kept for extension methods, whose <see cref="Method"/> is <see cref="SipMethod.Extension"/>.
/// </summary>
public readonly record struct SipCSeq(uint Number, SipMethod Method, string MethodToken)
{
    public override string ToString() => $"{Number} {MethodToken}";
}
