using System.Collections.Immutable;
using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// The immutable state of one user entity. The durable part is a pure function of the journal (fold of
/// <see cref="Apply"/> from <see cref="Initial"/>, or from a <see cref="UserSnapshot"/>); <see cref="Ephemeral"/> holds
/// what is deliberately not journaled. Time never enters <see cref="Apply"/>: events carry their own instants, and
/// queries that depend on the clock take <c>now</c>.
/// </summary>
public sealed partial record UserState
{
    private static readonly StringComparer Keys = StringComparer.Ordinal;

    public required UserAddress Address { get; init; }

    public UserStatus Status { get; init; }

    public required UserProfile Profile { get; init; }

    public UserCredentials? Credentials { get; init; }

    public PresenceState Presence { get; init; } = PresenceState.Empty;

    /// <summary>Bindings by key, as journaled (see <see cref="LiveBindings"/> for the refreshed view).</summary>
    public ImmutableSortedDictionary<string, SipBinding> Bindings { get; init; } = ImmutableSortedDictionary.Create<string, SipBinding>(Keys);

    public ImmutableSortedDictionary<string, PushDevice> PushDevices { get; init; } = ImmutableSortedDictionary.Create<string, PushDevice>(Keys);

    public ImmutableSortedDictionary<ForwardingKind, ForwardingRule> Forwarding { get; init; } = ImmutableSortedDictionary<ForwardingKind, ForwardingRule>.Empty;

    public RemoteOffice? RemoteOffice { get; init; }

    /// <summary>Roster by contact address.</summary>
    public ImmutableSortedDictionary<string, ContactEntry> Contacts { get; init; } = ImmutableSortedDictionary.Create<string, ContactEntry>(Keys);

    /// <summary>Levels for whole domains, by lower-case domain.</summary>
    public ImmutableSortedDictionary<string, PermissionLevel> DomainLevels { get; init; } = ImmutableSortedDictionary.Create<string, PermissionLevel>(Keys);

    /// <summary>Open requests from peers, by peer address.</summary>
    public ImmutableSortedDictionary<string, AuthorizationRequest> IncomingRequests { get; init; } = ImmutableSortedDictionary.Create<string, AuthorizationRequest>(Keys);

    /// <summary>Open requests this user sent, by peer address.</summary>
    public ImmutableSortedDictionary<string, AuthorizationRequest> OutgoingRequests { get; init; } = ImmutableSortedDictionary.Create<string, AuthorizationRequest>(Keys);

    /// <summary>Presence subscriptions by watcher endpoint key.</summary>
    public ImmutableSortedDictionary<string, Watcher> Watchers { get; init; } = ImmutableSortedDictionary.Create<string, Watcher>(Keys);

    public ChatInbox Chat { get; init; } = ChatInbox.Empty;

    /// <summary>Journaled replies to commands with an id.</summary>
    public RecentCommands Commands { get; init; } = RecentCommands.Empty;

    public UserEphemeralState Ephemeral { get; init; } = UserEphemeralState.Empty;

    /// <summary>The state of an entity before its first event.</summary>
    public static UserState Initial(UserAddress address)
    {
        if (address.IsEmpty)
        {
            throw new ArgumentException("a user state needs an address", nameof(address));
        }

        return new UserState { Address = address, Status = UserStatus.Absent, Profile = UserProfile.EmptyFor(address) };
    }

    /// <summary>True for an active user that is not disabled.</summary>
    public bool IsEnabled => Status == UserStatus.Active && !Profile.Disabled;

    /// <summary>Replays events from the initial state (recovery without a snapshot).</summary>
    public static UserState Replay(UserAddress address, IEnumerable<IUserEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = Initial(address);
        foreach (var e in events)
        {
            state = state.Apply(e);
        }

        return state;
    }

    /// <summary>The same state without its ephemeral part: what a recovery from the journal yields.</summary>
    public UserState WithoutEphemeral() => this with { Ephemeral = UserEphemeralState.Empty };
}
