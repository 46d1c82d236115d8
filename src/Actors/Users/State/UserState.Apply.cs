namespace Cluster.Actors.Users;

/// <summary>Event and ephemeral application: total, deterministic, never throws for a well-formed event.</summary>
public sealed partial record UserState
{
    /// <summary>Applies one journaled event. Used for recovery and, after persisting, on the live path alike.</summary>
    public UserState Apply(IUserEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            UserCreated c => Initial(Address) with
            {
                Status = UserStatus.Active,
                Profile = new UserProfile(c.Address, c.DisplayName, c.Email, c.PhoneNumbers, c.Department, false, c.At),
                Commands = Commands,
                Ephemeral = UserEphemeralState.Empty with { Answers = Ephemeral.Answers },
            },
            ProfileUpdated p => this with
            {
                Profile = Profile with { DisplayName = p.DisplayName, Email = p.Email, PhoneNumbers = p.PhoneNumbers, Department = p.Department },
            },
            UserDisabledChanged d => this with { Profile = Profile with { Disabled = d.Disabled } },
            UserRemoved => Initial(Address) with
            {
                Status = UserStatus.Removed,
                Commands = Commands,
                Ephemeral = UserEphemeralState.Empty with { Answers = Ephemeral.Answers },
            },
            PasswordSet p => this with { Credentials = new UserCredentials(p.Web, p.Sip, p.At) },
            CommandRecorded r => this with { Commands = Commands.Add(r.CommandId, r.Reply) },

            PresenceSet p => this with { Presence = Presence with { Explicit = new ExplicitPresence(p.Availability, p.Activity, p.Until, p.At) } },
            PresenceCleared => this with { Presence = Presence with { Explicit = null } },
            NoteSet n => this with { Presence = Presence with { Note = n.Note } },
            LocationSet l => this with { Presence = Presence with { Location = l.Location } },
            CallJoined j => this with { Presence = Presence with { Calls = Presence.Calls.SetItem(j.CallId, new ActiveCall(j.CallId, j.DeviceId, j.At)) } },
            CallLeft l => this with { Presence = Presence with { Calls = Presence.Calls.Remove(l.CallId) } },

            BindingAdded a => WithBinding(a.Binding),
            BindingChanged c => WithBinding(c.Binding),
            BindingRemoved r => this with
            {
                Bindings = Bindings.Remove(r.Key),
                Ephemeral = Ephemeral with { BindingRefreshes = Ephemeral.BindingRefreshes.Remove(r.Key) },
            },
            PushDeviceRegistered p => this with { PushDevices = PushDevices.SetItem(p.Device.Key, p.Device) },
            PushDeviceRemoved p => this with { PushDevices = PushDevices.Remove(PushDevice.KeyFor(p.Provider, p.Prid)) },
            ForwardingSet f => this with { Forwarding = Forwarding.SetItem(f.Rule.Kind, f.Rule) },
            ForwardingCleared f => this with { Forwarding = Forwarding.Remove(f.Kind) },
            RemoteOfficeSet r => this with { RemoteOffice = r.RemoteOffice },

            ContactSet c => this with { Contacts = Contacts.SetItem(c.Contact.Address.ToString(), c.Contact) },
            ContactRemoved c => this with { Contacts = Contacts.Remove(c.Address.ToString()) },
            DomainLevelSet d => this with
            {
                DomainLevels = d.Level is { } level ? DomainLevels.SetItem(d.Domain, level) : DomainLevels.Remove(d.Domain),
            },
            AuthorizationRequested { Request.Direction: AuthorizationDirection.Incoming } r =>
                this with { IncomingRequests = IncomingRequests.SetItem(r.Request.Peer.ToString(), r.Request) },
            AuthorizationRequested r => this with { OutgoingRequests = OutgoingRequests.SetItem(r.Request.Peer.ToString(), r.Request) },
            AuthorizationResolved { Direction: AuthorizationDirection.Incoming } r =>
                this with { IncomingRequests = IncomingRequests.Remove(r.Peer.ToString()) },
            AuthorizationResolved r => this with { OutgoingRequests = OutgoingRequests.Remove(r.Peer.ToString()) },
            WatcherAdded w => this with
            {
                Watchers = Watchers.SetItem(w.Watcher.Id.Key, w.Watcher),
                Ephemeral = Ephemeral with { WatcherRefreshes = Ephemeral.WatcherRefreshes.Remove(w.Watcher.Id.Key) },
            },
            WatcherRemoved w => this with
            {
                Watchers = Watchers.Remove(w.Id.Key),
                Ephemeral = Ephemeral with
                {
                    WatcherRefreshes = Ephemeral.WatcherRefreshes.Remove(w.Id.Key),
                    Notified = Ephemeral.Notified.Remove(w.Id.Key),
                },
            },

            ChatMessageAccepted m => this with { Chat = Chat.Append(m.Message) },
            ChatMessagesDelivered d => this with { Chat = Chat.Update(d.MessageIds, m => m.DeliveredAt is null ? m with { DeliveredAt = d.At } : m) },
            ChatMessagesRead r => this with
            {
                Chat = Chat.Update(r.MessageIds, m => m with { DeliveredAt = m.DeliveredAt ?? r.At, ReadAt = m.ReadAt ?? r.At }),
            },
            ChatHistoryTrimmed t => this with { Chat = Chat.TrimThrough(t.ThroughSequence) },
            _ => throw new ArgumentException($"unknown user event {e.GetType().Name}", nameof(e)),
        };
    }

    /// <summary>Applies a change that is not journaled (see <see cref="UserEphemeralState"/>).</summary>
    public UserState ApplyEphemeral(IUserEphemeralChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ephemeral = change switch
        {
            BindingRefreshed r => Ephemeral with { BindingRefreshes = Ephemeral.BindingRefreshes.SetItem(r.Refresh.Key, r.Refresh) },
            SessionAnnounced s => Ephemeral with { Sessions = Ephemeral.Sessions.SetItem(s.Session.Endpoint.Key, s.Session) },
            SessionClosed s => Ephemeral with { Sessions = Ephemeral.Sessions.Remove(s.Key) },
            SessionsCleared => Ephemeral with { Sessions = Ephemeral.Sessions.Clear() },
            WatcherRefreshed w => Ephemeral with { WatcherRefreshes = Ephemeral.WatcherRefreshes.SetItem(w.Key, w.ExpiresAt) },
            WatcherNotified { Notification: null } n => Ephemeral with { Notified = Ephemeral.Notified.Remove(n.Key) },
            WatcherNotified n => Ephemeral with { Notified = Ephemeral.Notified.SetItem(n.Key, n.Notification!) },
            CommandAnswered a => Ephemeral with { Answers = Ephemeral.Answers.Add(a.CommandId, a.Reply) },
            _ => throw new ArgumentException($"unknown ephemeral change {change.GetType().Name}", nameof(change)),
        };
        return this with { Ephemeral = ephemeral };
    }

    private UserState WithBinding(SipBinding binding) => this with
    {
        Bindings = Bindings.SetItem(binding.Key, binding),
        Ephemeral = Ephemeral with { BindingRefreshes = Ephemeral.BindingRefreshes.Remove(binding.Key) },
    };
}
