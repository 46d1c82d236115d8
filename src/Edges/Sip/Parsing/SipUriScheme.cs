namespace Cluster.Edges.Sip.Parsing;

/// <summary>URI schemes the stack routes on; anything else is kept opaque (RFC 3261 §19.1, RFC 3966).</summary>
public enum SipUriScheme : byte
{
    Sip,
    Sips,
    Tel,
    Other,
}
