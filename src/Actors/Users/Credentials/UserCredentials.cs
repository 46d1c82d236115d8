namespace Cluster.Actors.Users;

/// <summary>What the user proves identity with: the web password hash and the SIP digest HA1 values, set together.</summary>
public sealed record UserCredentials(PasswordHash Web, SipDigestCredentials Sip, DateTimeOffset ChangedAt);
