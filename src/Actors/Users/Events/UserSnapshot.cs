using System.Collections.Immutable;
using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// The persisted snapshot of the durable user state (manifest <see cref="Manifest"/>): plain lists rather than the
/// in-memory dictionaries, so the stored format does not depend on how <see cref="UserState"/> indexes things. The
/// ephemeral part is not included: recovering from a snapshot gives exactly what replaying the journal gives.
/// </summary>
public sealed record UserSnapshot(
    UserAddress Address,
    UserStatus Status,
    UserProfile Profile,
    UserCredentials? Credentials,
    ExplicitPresence? ExplicitPresence,
    string? Note,
    string? Location,
    IReadOnlyList<ActiveCall> Calls,
    IReadOnlyList<SipBinding> Bindings,
    IReadOnlyList<PushDevice> PushDevices,
    IReadOnlyList<ForwardingRule> Forwarding,
    RemoteOffice? RemoteOffice,
    IReadOnlyList<ContactEntry> Contacts,
    IReadOnlyDictionary<string, PermissionLevel> DomainLevels,
    IReadOnlyList<AuthorizationRequest> Requests,
    IReadOnlyList<Watcher> Watchers,
    IReadOnlyList<ChatMessage> Messages,
    long NextMessageSequence,
    IReadOnlyList<RecordedCommand> Commands)
{
    public const string Manifest = "user.snapshot.v1";

    /// <summary>Captures the durable part of <paramref name="state"/>.</summary>
    public static UserSnapshot From(UserState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new UserSnapshot(
            state.Address,
            state.Status,
            state.Profile,
            state.Credentials,
            state.Presence.Explicit,
            state.Presence.Note,
            state.Presence.Location,
            [.. state.Presence.Calls.Values],
            [.. state.Bindings.Values],
            [.. state.PushDevices.Values],
            [.. state.Forwarding.Values],
            state.RemoteOffice,
            [.. state.Contacts.Values],
            state.DomainLevels.ToDictionary(StringComparer.Ordinal),
            [.. state.IncomingRequests.Values, .. state.OutgoingRequests.Values],
            [.. state.Watchers.Values],
            [.. state.Chat.Messages],
            state.Chat.NextSequence,
            [.. state.Commands.Entries]);
    }

    /// <summary>Rebuilds the state (with an empty ephemeral part); later events are applied on top.</summary>
    public UserState ToState()
    {
        var keys = StringComparer.Ordinal;
        return UserState.Initial(Address) with
        {
            Status = Status,
            Profile = Profile,
            Credentials = Credentials,
            Presence = new PresenceState
            {
                Explicit = ExplicitPresence,
                Note = Note,
                Location = Location,
                Calls = (Calls ?? []).ToImmutableSortedDictionary(c => c.CallId, c => c, keys),
            },
            Bindings = (Bindings ?? []).ToImmutableSortedDictionary(b => b.Key, b => b, keys),
            PushDevices = (PushDevices ?? []).ToImmutableSortedDictionary(d => d.Key, d => d, keys),
            Forwarding = (Forwarding ?? []).ToImmutableSortedDictionary(f => f.Kind, f => f),
            RemoteOffice = RemoteOffice,
            Contacts = (Contacts ?? []).ToImmutableSortedDictionary(c => c.Address.ToString(), c => c, keys),
            DomainLevels = (DomainLevels ?? new Dictionary<string, PermissionLevel>()).ToImmutableSortedDictionary(keys),
            IncomingRequests = (Requests ?? []).Where(r => r.Direction == AuthorizationDirection.Incoming)
                .ToImmutableSortedDictionary(r => r.Peer.ToString(), r => r, keys),
            OutgoingRequests = (Requests ?? []).Where(r => r.Direction == AuthorizationDirection.Outgoing)
                .ToImmutableSortedDictionary(r => r.Peer.ToString(), r => r, keys),
            Watchers = (Watchers ?? []).ToImmutableSortedDictionary(w => w.Id.Key, w => w, keys),
            Chat = new ChatInbox { Messages = [.. Messages ?? []], NextSequence = NextMessageSequence },
            Commands = new RecentCommands { Entries = [.. Commands ?? []] },
        };
    }
}
