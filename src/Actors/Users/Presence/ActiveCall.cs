namespace Cluster.Actors.Users;

/// <summary>A call the user takes part in, reported by its CallEntity; makes the derived presence "on the phone".</summary>
/// <param name="CallId">The call entity id.</param>
/// <param name="DeviceId">The binding key or session id of the device in the call, when known.</param>
/// <param name="Since">When the call became active.</param>
public sealed record ActiveCall(string CallId, string? DeviceId, DateTimeOffset Since);
