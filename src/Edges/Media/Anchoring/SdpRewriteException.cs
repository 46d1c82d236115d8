namespace Cluster.Edges.Media.Anchoring;

/// <summary>
/// A description the anchor cannot rewrite (no audio stream, an answer that does not match the offer, unparsable
/// SDP). The call answers 488 Not Acceptable Here with <see cref="Exception.Message"/> in a Warning header.
/// </summary>
public sealed class SdpRewriteException(string message) : Exception(message);
