namespace Cluster.Actors.Users;

/// <summary>Creates the user named by the entity id (also after removal).</summary>
public sealed record CreateUser(string DisplayName, string? Email = null, IReadOnlyList<string>? PhoneNumbers = null, string? Department = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Changes directory fields: null leaves a field as it is, an empty string clears an optional one.</summary>
public sealed record UpdateProfile(string? DisplayName = null, string? Email = null, IReadOnlyList<string>? PhoneNumbers = null, string? Department = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Disables (drops bindings and sessions, refuses logins) or enables the user.</summary>
public sealed record SetUserDisabled(bool Disabled) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Deletes the user and all its data; watchers are told the resource is gone.</summary>
public sealed record RemoveUser : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// Sets the password: the decider turns it into a PBKDF2 hash and digest HA1 values; only those are journaled.
/// <see cref="Realm"/> is the SIP digest realm; null uses <see cref="UserSettings.DigestRealm"/> or the user's domain.
/// </summary>
public sealed record SetPassword(string Password, string? Realm = null) : IUserCommand
{
    public string? CommandId { get; init; }

    /// <summary>Keeps the password out of logs and dead-letter lines.</summary>
    public override string ToString() => $"SetPassword {{ Realm = {Realm}, CommandId = {CommandId} }}";
}
