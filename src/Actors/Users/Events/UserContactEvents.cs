using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>A roster entry was added or changed (carries the whole entry).</summary>
public sealed record ContactSet(ContactEntry Contact) : IUserEvent
{
    public const string Manifest = "user.contact-set.v1";
}

public sealed record ContactRemoved(UserAddress Address) : IUserEvent
{
    public const string Manifest = "user.contact-removed.v1";
}

/// <summary>The level for a whole domain was set; a null level removes the domain setting.</summary>
public sealed record DomainLevelSet(string Domain, PermissionLevel? Level) : IUserEvent
{
    public const string Manifest = "user.domain-level-set.v1";
}

public sealed record AuthorizationRequested(AuthorizationRequest Request) : IUserEvent
{
    public const string Manifest = "user.authorization-requested.v1";
}

public sealed record AuthorizationResolved(UserAddress Peer, AuthorizationDirection Direction, AuthorizationOutcome Outcome, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.authorization-resolved.v1";
}

public sealed record WatcherAdded(Watcher Watcher) : IUserEvent
{
    public const string Manifest = "user.watcher-added.v1";
}

public sealed record WatcherRemoved(EdgeEndpoint Id, WatcherTermination Reason, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.watcher-removed.v1";
}
