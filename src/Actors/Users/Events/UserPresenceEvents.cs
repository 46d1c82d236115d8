namespace Cluster.Actors.Users;

public sealed record PresenceSet(Availability Availability, PresenceActivity Activity, DateTimeOffset? Until, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.presence-set.v1";
}

/// <summary>The explicit state ended: cleared by the user, or its "until" passed (<see cref="Expired"/>).</summary>
public sealed record PresenceCleared(DateTimeOffset At, bool Expired) : IUserEvent
{
    public const string Manifest = "user.presence-cleared.v1";
}

public sealed record NoteSet(string? Note) : IUserEvent
{
    public const string Manifest = "user.note-set.v1";
}

public sealed record LocationSet(string? Location) : IUserEvent
{
    public const string Manifest = "user.location-set.v1";
}

public sealed record CallJoined(string CallId, string? DeviceId, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.call-joined.v1";
}

public sealed record CallLeft(string CallId, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.call-left.v1";
}
