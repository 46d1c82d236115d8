namespace Cluster.Edges.Sip.Parsing;

/// <summary>Offsets (relative to one Via list element) of the parts the transaction layer needs first.</summary>
internal struct SipViaLayout
{
    public Range ProtocolName, ProtocolVersion, Transport, Host;
    public int Port;          // -1 = absent
    public int ParamsStart;
    public Range Branch;
    public bool HasBranch;
    public Range Received;
    public bool HasReceived;
    public bool HasRPort;
    public int RPort;         // -1 = flag without value
}
