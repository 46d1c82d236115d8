using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

public sealed record GetProfile : IUserQuery
{
    public static GetProfile Instance { get; } = new();
}

/// <summary>Presence as <see cref="Watcher"/> may see it (a one-off fetch, no subscription).</summary>
public sealed record GetPresence(UserAddress Watcher) : IUserQuery;

public sealed record GetBindings : IUserQuery
{
    public static GetBindings Instance { get; } = new();
}

/// <summary>From a CallEntity: where to ring this user.</summary>
public sealed record GetCallTargets : IUserQuery
{
    public static GetCallTargets Instance { get; } = new();
}

public sealed record GetContacts : IUserQuery
{
    public static GetContacts Instance { get; } = new();
}

public sealed record GetPushDevices : IUserQuery
{
    public static GetPushDevices Instance { get; } = new();
}

public sealed record GetWatchers : IUserQuery
{
    public static GetWatchers Instance { get; } = new();
}

/// <summary>
/// A page of chat history, newest <see cref="Limit"/> messages older than the cursor, returned oldest first. The cursor
/// is a message id (<see cref="BeforeMessageId"/>) or a time (<see cref="Before"/>); <see cref="Peer"/> filters to one
/// conversation.
/// </summary>
public sealed record GetHistory(int Limit, string? BeforeMessageId = null, DateTimeOffset? Before = null, UserAddress? Peer = null) : IUserQuery;

/// <summary>Checks a web login password; false for disabled or removed users.</summary>
public sealed record VerifyPassword(string Password) : IUserQuery
{
    public override string ToString() => "VerifyPassword { }";
}

/// <summary>From the registrar edge: the HA1 for a digest challenge in <see cref="Realm"/>.</summary>
public sealed record GetDigestCredentials(string Realm, DigestAlgorithm Algorithm) : IUserQuery;
