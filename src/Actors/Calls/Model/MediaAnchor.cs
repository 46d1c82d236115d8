namespace Cluster.Actors.Calls;

/// <summary>
/// Placeholder for the RTP slots a node reserves for this call (design: port range 30000-33000, 4 ports per call). Null
/// on every call until media anchoring is built; the field is in the snapshot now so adding it later is not a format
/// change. See <see cref="ISdpRewriter"/> for where SDP gets rewritten to these ports.
/// </summary>
/// <param name="NodeId">The node whose media edge holds the slots.</param>
/// <param name="SlotId">The media edge's slot id.</param>
public sealed record MediaAnchor(string NodeId, string SlotId);
