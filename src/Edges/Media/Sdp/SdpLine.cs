namespace Cluster.Edges.Media.Sdp;

/// <summary>
/// A field the anchor does not interpret (i=, u=, e=, p=, b=, t=, r=, z=, k=), kept verbatim so that rewriting
/// changes nothing it does not mean to.
/// </summary>
public sealed record SdpLine(char Type, string Value);
