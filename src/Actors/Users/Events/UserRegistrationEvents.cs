namespace Cluster.Actors.Users;

public sealed record BindingAdded(SipBinding Binding) : IUserEvent
{
    public const string Manifest = "user.binding-added.v1";
}

/// <summary>A binding changed more than its expiry (new flow, contact, Call-ID, q...). Pure refreshes are not journaled.</summary>
public sealed record BindingChanged(SipBinding Binding) : IUserEvent
{
    public const string Manifest = "user.binding-changed.v1";
}

public sealed record BindingRemoved(string Key, BindingRemovalReason Reason, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.binding-removed.v1";
}

public sealed record PushDeviceRegistered(PushDevice Device) : IUserEvent
{
    public const string Manifest = "user.push-device-registered.v1";
}

public sealed record PushDeviceRemoved(string Provider, string Prid, DateTimeOffset At) : IUserEvent
{
    public const string Manifest = "user.push-device-removed.v1";
}

public sealed record ForwardingSet(ForwardingRule Rule) : IUserEvent
{
    public const string Manifest = "user.forwarding-set.v1";
}

public sealed record ForwardingCleared(ForwardingKind Kind) : IUserEvent
{
    public const string Manifest = "user.forwarding-cleared.v1";
}

public sealed record RemoteOfficeSet(RemoteOffice RemoteOffice) : IUserEvent
{
    public const string Manifest = "user.remote-office-set.v1";
}
