namespace Cluster.Edges.Web.Api;

/// <summary>A call as the user's client shows it (the <c>phone.*</c> replies and <c>phone.call</c> pushes).</summary>
/// <param name="CallId">The call entity id; what the other phone operations take.</param>
/// <param name="State">initiated, proceeding, ringing, answered, held, transferring or ended.</param>
/// <param name="Direction">incoming or outgoing, from the user's point of view.</param>
/// <param name="Peer">The other party (SIP or tel URI, or user@domain).</param>
/// <param name="PeerName">The other party's display name, when known.</param>
/// <param name="DeviceId">The user's device in the call (binding key or session id), when known.</param>
/// <param name="Since">When the call entered its current state.</param>
public sealed record CallInfo(string CallId, string State, string Direction, string Peer, string? PeerName, string? DeviceId, DateTimeOffset Since);
