using System.Text.Json.Serialization;
using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// Answers of the user entity. Replies to commands carrying an id are journaled with the id (see
/// <see cref="CommandRecorded"/>) so a resent command gets the first answer, hence the stable type discriminators.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(Ack), "ack")]
[JsonDerivedType(typeof(CommandRejected), "rejected")]
[JsonDerivedType(typeof(BindingsReply), "bindings")]
[JsonDerivedType(typeof(SubscriptionReply), "subscription")]
[JsonDerivedType(typeof(ChatAccepted), "chat-accepted")]
[JsonDerivedType(typeof(ProfileReply), "profile")]
[JsonDerivedType(typeof(PresenceReply), "presence")]
[JsonDerivedType(typeof(PushDevicesReply), "push-devices")]
[JsonDerivedType(typeof(ContactsReply), "contacts")]
[JsonDerivedType(typeof(HistoryPage), "history")]
[JsonDerivedType(typeof(PasswordCheckReply), "password-check")]
[JsonDerivedType(typeof(DigestCredentialsReply), "digest")]
[JsonDerivedType(typeof(CallTargetsReply), "call-targets")]
[JsonDerivedType(typeof(WatchersReply), "watchers")]
public interface IUserReply;

/// <summary>The command was carried out (or had nothing to do).</summary>
public sealed record Ack : IUserReply
{
    public static Ack Instance { get; } = new();
}

/// <summary>The command was refused; nothing changed.</summary>
public sealed record CommandRejected(UserErrorCode Code, string Reason) : IUserReply;

/// <summary>The live bindings after a REGISTER, for the Contact list of the 200 OK (RFC 3261 §10.3 step 8).</summary>
public sealed record BindingsReply(IReadOnlyList<BindingView> Bindings) : IUserReply;

/// <summary>Result of a subscribe: state, level and the first view to NOTIFY (null unless active).</summary>
public sealed record SubscriptionReply(SubscriptionState State, PermissionLevel Level, PresenceView? View, int ExpiresInSeconds) : IUserReply;

/// <summary>A chat message was stored; <see cref="StoredOffline"/> when no device could take it right now.</summary>
public sealed record ChatAccepted(string MessageId, long Sequence, DateTimeOffset AcceptedAt, bool StoredOffline) : IUserReply;

public sealed record ProfileReply(UserStatus Status, UserProfile Profile) : IUserReply;

/// <summary>Presence as the asking watcher may see it.</summary>
public sealed record PresenceReply(SubscriptionState State, PermissionLevel Level, PresenceView? View) : IUserReply;

public sealed record PushDevicesReply(IReadOnlyList<PushDevice> Devices) : IUserReply;

public sealed record ContactsReply(
    IReadOnlyList<ContactEntry> Contacts,
    IReadOnlyList<AuthorizationRequest> Requests,
    IReadOnlyDictionary<string, PermissionLevel> DomainLevels) : IUserReply;

/// <summary>One page of history, oldest first; <see cref="HasMore"/> when older messages exist before the first one.</summary>
public sealed record HistoryPage(IReadOnlyList<ChatMessage> Messages, bool HasMore) : IUserReply;

/// <summary>Outcome of a password check; <see cref="NeedsRehash"/> asks the caller to set it again after a good login.</summary>
public sealed record PasswordCheckReply(bool Valid, bool NeedsRehash) : IUserReply;

/// <summary>The HA1 a registrar edge needs to check a digest response (RFC 7616 §3.4.2).</summary>
public sealed record DigestCredentialsReply(string Username, string Realm, DigestAlgorithm Algorithm, string Ha1) : IUserReply
{
    public override string ToString() => $"DigestCredentialsReply {{ Username = {Username}, Realm = {Realm}, Algorithm = {Algorithm} }}";
}

/// <summary>What a call to this user may ring: devices, push devices, forwarding and remote office, and whether the user is busy.</summary>
public sealed record CallTargetsReply(
    Availability Availability,
    bool InCall,
    IReadOnlyList<BindingView> Bindings,
    IReadOnlyList<EdgeEndpoint> Sessions,
    IReadOnlyList<PushDevice> PushDevices,
    IReadOnlyList<ForwardingRule> Forwarding,
    RemoteOffice? RemoteOffice) : IUserReply;

/// <summary>One watcher and how it is treated.</summary>
public sealed record WatcherInfo(EdgeEndpoint Id, UserAddress WatcherAddress, DeviceKind Kind, DateTimeOffset ExpiresAt, WatcherAccess Access);

public sealed record WatchersReply(IReadOnlyList<WatcherInfo> Watchers) : IUserReply;
