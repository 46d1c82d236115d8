namespace Cluster.Actors.Users;

/// <summary>
/// A mobile or browser app that can be woken by a push notification, described by the RFC 8599 parameters the app sent
/// in its REGISTER Contact (or through the web API). The push edge uses these to reach APNs/FCM/WebPush.
/// </summary>
/// <param name="Provider">RFC 8599 §4.1.1 <c>pn-provider</c> (e.g. <c>apns</c>, <c>fcm</c>, <c>webpush</c>).</param>
/// <param name="Prid">RFC 8599 §4.1.2 <c>pn-prid</c>: the device token; with the provider it identifies the device.</param>
/// <param name="Param">RFC 8599 §4.1.3 <c>pn-param</c> (e.g. APNs topic), if any.</param>
/// <param name="AppId">The application id, if the app sent one.</param>
/// <param name="Platform">The platform name (ios, android, web...), if known.</param>
/// <param name="RegisteredAt">When it was registered or last changed.</param>
public sealed record PushDevice(string Provider, string Prid, string? Param, string? AppId, string? Platform, DateTimeOffset RegisteredAt)
{
    /// <summary>The device identity: provider and PRID (RFC 8599 §4.1).</summary>
    public string Key => KeyFor(Provider, Prid);

    public static string KeyFor(string provider, string prid) => $"{provider.ToLowerInvariant()}|{prid}";

    /// <summary>True when the parameters match so re-registering the same device writes nothing.</summary>
    public bool SameParametersAs(PushDevice other) =>
        Key == other.Key && Param == other.Param && AppId == other.AppId && Platform == other.Platform;
}
