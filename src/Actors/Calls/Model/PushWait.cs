namespace Cluster.Actors.Calls;

/// <summary>A push device woken for this call; the call waits for its REGISTER until <see cref="Until"/> (RFC 8599 §5.4).</summary>
public sealed record PushWait(string DeviceKey, string Provider, string Prid, DateTimeOffset Until);
