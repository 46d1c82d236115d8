namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Where the parts of a URI lie inside its bytes (offsets relative to the URI's first byte; length -1 = absent).
/// Produced by <see cref="SipUriParser"/> without allocating, turned into a <see cref="SipUri"/> only on demand.
/// </summary>
internal struct SipUriLayout
{
    public SipUriScheme Scheme;
    public int SchemeLength;
    public int UserStart, UserLength;
    public int PasswordStart, PasswordLength;
    public int HostStart, HostLength;
    public int Port;
    public int ParamsStart, ParamsLength;
    public int HeadersStart, HeadersLength;
}
