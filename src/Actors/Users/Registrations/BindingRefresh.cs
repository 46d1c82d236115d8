namespace Cluster.Actors.Users;

/// <summary>
/// A refresh of a binding that was not journaled (the design's "a registration refresh may be lost with a node"):
/// it extends the expiry and advances the CSeq of the journaled <see cref="SipBinding"/> with the same key.
/// </summary>
public sealed record BindingRefresh(string Key, DateTimeOffset ExpiresAt, long CSeq);
