using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>Adds or replaces a roster entry (a null level uses the domain setting or the default).</summary>
public sealed record SetContact(UserAddress Address, string? DisplayName = null, string? Group = null, PermissionLevel? Level = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Sets the level granted to one contact, adding a roster entry if needed; null returns to the default.</summary>
public sealed record SetContactLevel(UserAddress Address, PermissionLevel? Level) : IUserCommand
{
    public string? CommandId { get; init; }
}

public sealed record RemoveContact(UserAddress Address) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Sets the level for everybody of a domain without a contact-level grant; null removes the setting.</summary>
public sealed record SetDomainLevel(string Domain, PermissionLevel? Level) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>This user asks <see cref="Peer"/> for permission to see their presence.</summary>
public sealed record RequestAuthorization(UserAddress Peer, string? Message = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>From another user's entity: <see cref="From"/> asks this user for permission.</summary>
public sealed record ReceiveAuthorizationRequest(UserAddress From, string? Message = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>This user grants a pending request at <see cref="Level"/> (not blocked: deny with block for that).</summary>
public sealed record AcceptAuthorization(UserAddress Peer, PermissionLevel Level) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>This user refuses a pending request; <see cref="Block"/> also blocks the peer.</summary>
public sealed record DenyAuthorization(UserAddress Peer, bool Block = false) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>From another user's entity: the answer to this user's request.</summary>
public sealed record ReceiveAuthorizationAnswer(UserAddress From, bool Accepted) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// A presence subscription from a SIP SUBSCRIBE dialog or a web session, new or refreshed. Expires 0 fetches the state
/// once and ends the subscription (RFC 6665 §4.1.2.3 / §4.4.3).
/// </summary>
public sealed record Subscribe(EdgeEndpoint Id, UserAddress WatcherAddress, DeviceKind Kind, int ExpiresSeconds) : IUserCommand
{
    public string? CommandId { get; init; }
}

public sealed record Unsubscribe(EdgeEndpoint Id) : IUserCommand
{
    public string? CommandId { get; init; }
}
