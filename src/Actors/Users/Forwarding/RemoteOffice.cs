namespace Cluster.Actors.Users;

/// <summary>
/// Remote office: calls to the user also ring (or only ring) an external SIP URI such as a home-office phone, while
/// the call is still presented as the user's. Kept when switched off so the target need not be typed again.
/// </summary>
public sealed record RemoteOffice(bool Enabled, string Target, RemoteOfficeMode Mode);
