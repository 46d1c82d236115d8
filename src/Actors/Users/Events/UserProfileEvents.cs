using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>The user was created (or created again after removal, which starts from an empty state).</summary>
public sealed record UserCreated(UserAddress Address, string DisplayName, string? Email, IReadOnlyList<string> PhoneNumbers, string? Department, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.created.v1";
}

/// <summary>Directory fields changed; carries all of them so a reader never needs the previous value.</summary>
public sealed record ProfileUpdated(string DisplayName, string? Email, IReadOnlyList<string> PhoneNumbers, string? Department) : IUserEvent
{
    public const string Manifest = "user.profile-updated.v1";
}

public sealed record UserDisabledChanged(bool Disabled, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.disabled-changed.v1";
}

/// <summary>The user was deleted: applying it drops all data except the address.</summary>
public sealed record UserRemoved(DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.removed.v1";
}

/// <summary>New credentials: hashes only, the password itself is never journaled.</summary>
public sealed record PasswordSet(PasswordHash Web, SipDigestCredentials Sip, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.password-set.v1";

    public override string ToString() => $"PasswordSet {{ Realm = {Sip.Realm}, At = {At} }}";
}

/// <summary>A command with an id was carried out; journaled with its events so a resend after failover gets this reply.</summary>
public sealed record CommandRecorded(string CommandId, IUserReply Reply) : IUserEvent
{
    public const string Manifest = "user.command-recorded.v1";
}
