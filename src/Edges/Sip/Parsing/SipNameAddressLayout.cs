namespace Cluster.Edges.Sip.Parsing;

/// <summary>Offsets (relative to one list element) of a name-addr / addr-spec and its header parameters.</summary>
internal struct SipNameAddressLayout
{
    public Range Display;      // raw display-name (quoted-string with quotes, or tokens); empty = none
    public bool DisplayQuoted;
    public Range Uri;
    public SipUriLayout UriLayout;
    public int ParamsStart;    // index of the first ';' of the header parameters (or the element length)
    public Range Tag;
    public bool HasTag;
    public bool IsWildcard;    // Contact: * (RFC 3261 §10.2.2)
}
