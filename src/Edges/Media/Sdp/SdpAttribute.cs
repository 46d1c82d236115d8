namespace Cluster.Edges.Media.Sdp;

/// <summary>An <c>a=</c> line: a property attribute (<c>a=rtcp-mux</c>, null value) or a value attribute (<c>a=rtpmap:0 PCMU/8000</c>).</summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>ICE attributes of RFC 8839 §5, which the anchor strips or passes per <see cref="IcePolicy"/>.</summary>
    public bool IsIce => Name is "candidate" or "ice-ufrag" or "ice-pwd" or "ice-options" or "ice-lite" or "ice-mismatch"
        or "remote-candidates" or "end-of-candidates" or "ice-pacing";

    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
