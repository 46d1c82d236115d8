using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// A REGISTER for this user's address of record after authentication (RFC 3261 §10.3 steps 6-8). All contact updates
/// are applied or none are. <c>Contact: *</c> is a <see cref="ContactUpdate"/> whose URI is
/// <see cref="ContactUpdate.Wildcard"/> with the Expires header value; it is valid only alone and with expiry 0.
/// An empty contact list is a query of the current bindings (RFC 3261 §10.2.3).
/// </summary>
public sealed record Register(string CallId, long CSeq, IReadOnlyList<ContactUpdate> Contacts) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>
/// Timer tick from the entity: removes bindings, sessions and watchers whose time has passed, ends an explicit
/// state whose "until" passed, and notifies watchers of the resulting change. Schedule it at
/// <see cref="UserState.NextDeadline"/>.
/// </summary>
public sealed record ExpireDue : IUserCommand
{
    public static ExpireDue Instance { get; } = new();

    public string? CommandId => null;
}

/// <summary>A web/app session opened or sent its heartbeat; it counts as present until <c>now + TtlSeconds</c>.</summary>
public sealed record AnnounceSession(EdgeEndpoint Session, string? Client, int TtlSeconds, bool Idle = false) : IUserCommand
{
    public string? CommandId { get; init; }
}

public sealed record CloseSession(EdgeEndpoint Session) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Registers or updates a push device (RFC 8599 parameters).</summary>
public sealed record RegisterPushDevice(string Provider, string Prid, string? Param = null, string? AppId = null, string? Platform = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

public sealed record RemovePushDevice(string Provider, string Prid) : IUserCommand
{
    public string? CommandId { get; init; }
}

/// <summary>Switches a forwarding service on (or changes its target).</summary>
public sealed record SetForwarding(ForwardingKind Kind, string Target, int? NoAnswerSeconds = null) : IUserCommand
{
    public string? CommandId { get; init; }
}

public sealed record ClearForwarding(ForwardingKind Kind) : IUserCommand
{
    public string? CommandId { get; init; }
}

public sealed record SetRemoteOffice(bool Enabled, string Target, RemoteOfficeMode Mode = RemoteOfficeMode.AlsoRing) : IUserCommand
{
    public string? CommandId { get; init; }
}
