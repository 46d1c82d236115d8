using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// Every persisted type of the user entity with its manifest, for the node to register with the serializer registry.
/// A manifest never changes once released; a breaking change gets a new type with a <c>.v2</c> manifest and the old one
/// stays here so old journals load.
/// </summary>
public static class UserManifests
{
    /// <summary>Events, then the snapshot.</summary>
    public static IReadOnlyList<ManifestRegistration> All { get; } =
    [
        new(typeof(UserCreated), UserCreated.Manifest),
        new(typeof(ProfileUpdated), ProfileUpdated.Manifest),
        new(typeof(UserDisabledChanged), UserDisabledChanged.Manifest),
        new(typeof(UserRemoved), UserRemoved.Manifest),
        new(typeof(PasswordSet), PasswordSet.Manifest),
        new(typeof(CommandRecorded), CommandRecorded.Manifest),
        new(typeof(PresenceSet), PresenceSet.Manifest),
        new(typeof(PresenceCleared), PresenceCleared.Manifest),
        new(typeof(NoteSet), NoteSet.Manifest),
        new(typeof(LocationSet), LocationSet.Manifest),
        new(typeof(CallJoined), CallJoined.Manifest),
        new(typeof(CallLeft), CallLeft.Manifest),
        new(typeof(BindingAdded), BindingAdded.Manifest),
        new(typeof(BindingChanged), BindingChanged.Manifest),
        new(typeof(BindingRemoved), BindingRemoved.Manifest),
        new(typeof(PushDeviceRegistered), PushDeviceRegistered.Manifest),
        new(typeof(PushDeviceRemoved), PushDeviceRemoved.Manifest),
        new(typeof(ForwardingSet), ForwardingSet.Manifest),
        new(typeof(ForwardingCleared), ForwardingCleared.Manifest),
        new(typeof(RemoteOfficeSet), RemoteOfficeSet.Manifest),
        new(typeof(ContactSet), ContactSet.Manifest),
        new(typeof(ContactRemoved), ContactRemoved.Manifest),
        new(typeof(DomainLevelSet), DomainLevelSet.Manifest),
        new(typeof(AuthorizationRequested), AuthorizationRequested.Manifest),
        new(typeof(AuthorizationResolved), AuthorizationResolved.Manifest),
        new(typeof(WatcherAdded), WatcherAdded.Manifest),
        new(typeof(WatcherRemoved), WatcherRemoved.Manifest),
        new(typeof(ChatMessageAccepted), ChatMessageAccepted.Manifest),
        new(typeof(ChatMessagesDelivered), ChatMessagesDelivered.Manifest),
        new(typeof(ChatMessagesRead), ChatMessagesRead.Manifest),
        new(typeof(ChatHistoryTrimmed), ChatHistoryTrimmed.Manifest),
        new(typeof(UserSnapshot), UserSnapshot.Manifest),
    ];

    private static readonly Dictionary<string, Type> ByManifest = All.ToDictionary(r => r.Manifest, r => r.Type, StringComparer.Ordinal);

    private static readonly Dictionary<Type, string> ByType = All.ToDictionary(r => r.Type, r => r.Manifest);

    /// <summary>The manifest of a persisted user type.</summary>
    /// <exception cref="ArgumentException">The type is not a registered user event or snapshot.</exception>
    public static string ManifestOf(Type type) =>
        ByType.TryGetValue(type, out var manifest) ? manifest : throw new ArgumentException($"{type.Name} is not a persisted user type", nameof(type));

    /// <summary>Reads a stored payload by its manifest.</summary>
    /// <exception cref="ArgumentException">The manifest is unknown.</exception>
    public static object Deserialize(string manifest, string json) =>
        ByManifest.TryGetValue(manifest, out var type)
            ? DomainJson.Deserialize(json, type)
            : throw new ArgumentException($"unknown user manifest '{manifest}'", nameof(manifest));
}
