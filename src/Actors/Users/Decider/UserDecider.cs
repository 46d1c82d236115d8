using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// The pure decision logic of the user entity: given a state, a command and the time, it returns what to journal,
/// what to change without journaling, what to answer and what to send (<see cref="UserDecision"/>). It never mutates
/// anything and touches no clock and no I/O; the only impurity is the random salt of a new password hash.
/// The actor wrapping it (UserEntity) persists, applies, replies and performs the effects.
/// </summary>
public sealed partial class UserDecider
{
    public UserDecider(UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    public UserSettings Settings { get; }

    /// <summary>Decides a command. A command id already answered gets the first answer and no changes.</summary>
    public UserDecision Decide(UserState state, IUserCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var commandId = string.IsNullOrWhiteSpace(command.CommandId) ? null : command.CommandId;
        if (commandId is not null && state.RecordedReply(commandId) is { } first)
        {
            return UserDecision.Duplicate(first);
        }

        var outcome = Handle(state, command, now);
        if (outcome.IsRejected)
        {
            IUserEphemeralChange[] answered = commandId is null ? [] : [new CommandAnswered(commandId, outcome.Reply!)];
            return new UserDecision([], answered, outcome.Reply!, []);
        }

        var after = state;
        foreach (var e in outcome.Events)
        {
            after = after.Apply(e);
        }

        foreach (var change in outcome.Ephemeral)
        {
            after = after.ApplyEphemeral(change);
        }

        after = FollowUp(state, after, now, outcome);
        var reply = outcome.Reply ?? outcome.ReplyFactory!(after);
        if (commandId is not null)
        {
            if (outcome.Events.Count > 0)
            {
                outcome.Events.Add(new CommandRecorded(commandId, reply));
            }
            else
            {
                outcome.Ephemeral.Add(new CommandAnswered(commandId, reply));
            }
        }

        return new UserDecision(outcome.Events, outcome.Ephemeral, reply, outcome.Effects);
    }

    private Outcome Handle(UserState state, IUserCommand command, DateTimeOffset now)
    {
        if (command is CreateUser create)
        {
            return HandleCreate(state, create, now);
        }

        if (command is ExpireDue)
        {
            return HandleExpireDue(state, now);
        }

        if (state.Status != UserStatus.Active)
        {
            return NotFound(state);
        }

        return command switch
        {
            UpdateProfile c => HandleUpdateProfile(state, c),
            SetUserDisabled c => HandleSetDisabled(state, c, now),
            RemoveUser => HandleRemove(state, now),
            SetPassword c => HandleSetPassword(state, c, now),
            SetPresence c => HandleSetPresence(state, c, now),
            ClearPresence => HandleClearPresence(state, now),
            SetNote c => HandleSetNote(state, c),
            SetLocation c => HandleSetLocation(state, c),
            ReportCallActive c => HandleCallActive(state, c, now),
            ReportCallEnded c => HandleCallEnded(state, c, now),
            Register c => HandleRegister(state, c, now),
            AnnounceSession c => HandleAnnounceSession(state, c, now),
            CloseSession c => HandleCloseSession(state, c),
            RegisterPushDevice c => HandleRegisterPush(state, c, now),
            RemovePushDevice c => HandleRemovePush(state, c, now),
            SetForwarding c => HandleSetForwarding(state, c),
            ClearForwarding c => HandleClearForwarding(state, c),
            SetRemoteOffice c => HandleSetRemoteOffice(state, c),
            SetContact c => HandleSetContact(state, c),
            SetContactLevel c => HandleSetContactLevel(state, c),
            RemoveContact c => HandleRemoveContact(state, c, now),
            SetDomainLevel c => HandleSetDomainLevel(state, c),
            RequestAuthorization c => HandleRequestAuthorization(state, c, now),
            ReceiveAuthorizationRequest c => HandleReceiveAuthorizationRequest(state, c, now),
            AcceptAuthorization c => HandleAcceptAuthorization(state, c, now),
            DenyAuthorization c => HandleDenyAuthorization(state, c, now),
            ReceiveAuthorizationAnswer c => HandleAuthorizationAnswer(state, c, now),
            Subscribe c => HandleSubscribe(state, c, now),
            Unsubscribe c => HandleUnsubscribe(state, c, now),
            SendMessage c => HandleSendMessage(state, c, now),
            AcceptMessage c => HandleAcceptMessage(state, c, now),
            ConfirmDelivery c => HandleConfirmDelivery(state, c, now),
            MarkRead c => HandleMarkRead(state, c, now),
            RecordChatReceipt c => HandleChatReceipt(state, c, now),
            _ => Outcome.Reject(UserErrorCode.InvalidArgument, $"unknown user command {command.GetType().Name}"),
        };
    }

    private static Outcome NotFound(UserState state) =>
        Outcome.Reject(UserErrorCode.NotFound, state.Status == UserStatus.Removed
            ? $"user {state.Address} was removed"
            : $"user {state.Address} does not exist");

    /// <summary>Rejects commands that need an enabled user; null when the user is enabled.</summary>
    private static Outcome? RequireEnabled(UserState state) =>
        state.Profile.Disabled ? Outcome.Reject(UserErrorCode.Disabled, $"user {state.Address} is disabled") : null;

    /// <summary>
    /// Work common to every accepted command, on the state after its events: watchers that became blocked are
    /// removed, watchers whose view changed are notified, and devices that just appeared get the offline messages.
    /// </summary>
    private static UserState FollowUp(UserState before, UserState after, DateTimeOffset now, Outcome outcome)
    {
        if (after.Status == UserStatus.Active)
        {
            foreach (var watcher in after.Watchers.Values)
            {
                if (after.AccessFor(watcher.WatcherAddress).State == SubscriptionState.Refused)
                {
                    var removed = new WatcherRemoved(watcher.Id, WatcherTermination.Rejected, now);
                    outcome.Events.Add(removed);
                    outcome.Effects.Add(new NotifyWatcher(watcher.Id, after.Address, SubscriptionState.Terminated, null, WatcherTermination.Rejected));
                    after = after.Apply(removed);
                }
            }
        }

        foreach (var change in WatcherNotifier.Plan(after, now, outcome.Effects))
        {
            outcome.Ephemeral.Add(change);
            after = after.ApplyEphemeral(change);
        }

        DeliverPendingToNewTargets(before, after, now, outcome);
        return after;
    }

    private static void DeliverPendingToNewTargets(UserState before, UserState after, DateTimeOffset now, Outcome outcome)
    {
        if (!after.IsEnabled || !after.Chat.Pending.Any())
        {
            return;
        }

        var known = DeliveryTargets(before, now).Select(TargetKey).ToHashSet(StringComparer.Ordinal);
        var fresh = DeliveryTargets(after, now).Where(t => !known.Contains(TargetKey(t))).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var justAccepted = outcome.Events.OfType<ChatMessageAccepted>().Select(e => e.Message.MessageId).ToHashSet(StringComparer.Ordinal);
        foreach (var message in after.Chat.Pending)
        {
            if (!justAccepted.Contains(message.MessageId))
            {
                outcome.Effects.Add(new DeliverChat(message, fresh));
            }
        }
    }

    /// <summary>Where a chat message for the user can go right now: live bindings (over their flow), then sessions.</summary>
    internal static IReadOnlyList<DeliveryTarget> DeliveryTargets(UserState state, DateTimeOffset now)
    {
        if (!state.IsEnabled)
        {
            return [];
        }

        var targets = new List<DeliveryTarget>();
        foreach (var binding in state.LiveBindings(now))
        {
            targets.Add(new DeliveryTarget(DeviceKind.Sip, binding.Flow, binding.ContactUri));
        }

        foreach (var session in state.LiveSessions(now))
        {
            targets.Add(new DeliveryTarget(DeviceKind.Web, session.Endpoint, null));
        }

        return targets;
    }

    private static string TargetKey(DeliveryTarget target) => $"{target.Kind}|{target.Edge.Key}|{target.ContactUri}";

    private static Outcome? CheckAddress(UserAddress address, string what) =>
        address.IsEmpty ? Outcome.Reject(UserErrorCode.InvalidArgument, $"{what} is missing") : null;
}
