namespace Cluster.Actors.Users;

/// <summary>One live presence source of a user as shown to personal-level watchers and to the user's own clients.</summary>
/// <param name="Id">Binding key or session id.</param>
/// <param name="Kind">SIP binding or web session.</param>
/// <param name="UserAgent">The client's product string, when it sent one.</param>
/// <param name="InCall">True when an active call names this device.</param>
/// <param name="Idle">True when the client reported the user idle.</param>
public sealed record DeviceView(string Id, DeviceKind Kind, string? UserAgent, bool InCall, bool Idle);
