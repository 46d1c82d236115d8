namespace Cluster.Edges.Media;

/// <summary>Whether a description is an offer or an answer (RFC 3264 §5, §6): an answer must match the offer's m-lines.</summary>
public enum SdpKind
{
    Offer,
    Answer,
}
