namespace Cluster.Edges.Media.Sdp;

/// <summary>Why a description was refused, with the 1-based line; the call answers 488 Not Acceptable Here with it.</summary>
public sealed record SdpParseError(int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"SDP line {Line}: {Reason}" : $"SDP: {Reason}";
}
