namespace Cluster.Actors.Users;

/// <summary>Sets an explicit state, optionally until a time after which presence is automatic again.</summary>
public sealed record SetPresence(Availability Availability, PresenceActivity Activity = PresenceActivity.None, DateTimeOffset? Until = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Returns to automatic (derived) presence.</summary>
public sealed record ClearPresence : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Sets or (with null/empty) clears the presence note.</summary>
public sealed record SetNote(string? Note) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Sets or clears the free-text location (e.g. "Office Berlin").</summary>
public sealed record SetLocation(string? Location) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>From a CallEntity: the user is in this call (derived presence becomes on-the-phone).</summary>
public sealed record ReportCallActive(string CallId, string? DeviceId = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>From a CallEntity: the user left this call.</summary>
public sealed record ReportCallEnded(string CallId) : IUserCommand
{
    public string? CommandId { get; init; }
}
