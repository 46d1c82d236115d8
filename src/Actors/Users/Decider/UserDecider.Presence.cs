namespace Cluster.Actors.Users;

public sealed partial class UserDecider
{
    private static Outcome HandleSetPresence(UserState state, SetPresence c, DateTimeOffset now)
    {
        if (!Enum.IsDefined(c.Availability) || !Enum.IsDefined(c.Activity))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "unknown availability or activity");
        }

        if (c.Availability == Availability.OnThePhone)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "on-the-phone is derived from calls and cannot be set");
        }

        if (c.Until is { } until && until <= now)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"until {until:O} is not in the future");
        }

        if (state.Presence.Explicit is { } current && current.IsActiveAt(now)
            && current.Availability == c.Availability && current.Activity == c.Activity && current.Until == c.Until)
        {
            return Outcome.Ok();
        }

        return Outcome.Ok().With(new PresenceSet(c.Availability, c.Activity, c.Until, now));
    }

    private static Outcome HandleClearPresence(UserState state, DateTimeOffset now) =>
        state.Presence.Explicit is null ? Outcome.Ok() : Outcome.Ok().With(new PresenceCleared(now, Expired: false));

    private static Outcome HandleSetNote(UserState state, SetNote c)
    {
        if (UserValidation.Text(c.Note, "note", required: false, UserValidation.MaxNoteLength) is { } error)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        var note = UserValidation.Normalize(c.Note);
        return note == state.Presence.Note ? Outcome.Ok() : Outcome.Ok().With(new NoteSet(note));
    }

    private static Outcome HandleSetLocation(UserState state, SetLocation c)
    {
        if (UserValidation.Text(c.Location, "location", required: false) is { } error)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        var location = UserValidation.Normalize(c.Location);
        return location == state.Presence.Location ? Outcome.Ok() : Outcome.Ok().With(new LocationSet(location));
    }

    private static Outcome HandleCallActive(UserState state, ReportCallActive c, DateTimeOffset now)
    {
        if (UserValidation.Text(c.CallId, "call id", required: true) is { } error)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        return state.Presence.Calls.TryGetValue(c.CallId, out var known) && known.DeviceId == c.DeviceId
            ? Outcome.Ok()
            : Outcome.Ok().With(new CallJoined(c.CallId, c.DeviceId, known?.Since ?? now));
    }

    private static Outcome HandleCallEnded(UserState state, ReportCallEnded c, DateTimeOffset now) =>
        state.Presence.Calls.ContainsKey(c.CallId ?? string.Empty) ? Outcome.Ok().With(new CallLeft(c.CallId!, now)) : Outcome.Ok();

    /// <summary>
    /// Time-driven clean-up: lapsed bindings and watchers are removed in the journal (a removal must survive a node),
    /// lapsed sessions ephemerally, and an explicit state whose "until" passed is cleared.
    /// </summary>
    private static Outcome HandleExpireDue(UserState state, DateTimeOffset now)
    {
        var outcome = Outcome.Ok();
        if (state.Status != UserStatus.Active)
        {
            return outcome;
        }

        foreach (var binding in state.Bindings.Values)
        {
            if (!state.IsLive(binding, now))
            {
                outcome.With(new BindingRemoved(binding.Key, BindingRemovalReason.Expired, now));
            }
        }

        foreach (var session in state.Ephemeral.Sessions.Values)
        {
            if (session.ExpiresAt <= now)
            {
                outcome.WithEphemeral(new SessionClosed(session.Endpoint.Key));
            }
        }

        foreach (var watcher in state.Watchers.Values)
        {
            if (state.ExpiryOf(watcher) <= now)
            {
                // RFC 6665 §4.2.2: reason=timeout, the watcher may subscribe again.
                outcome.With(new WatcherRemoved(watcher.Id, WatcherTermination.Timeout, now));
                outcome.WithEffect(new NotifyWatcher(watcher.Id, state.Address, SubscriptionState.Terminated, null, WatcherTermination.Timeout));
            }
        }

        if (state.Presence.Explicit is { } set && !set.IsActiveAt(now))
        {
            outcome.With(new PresenceCleared(now, Expired: true));
        }

        return outcome;
    }
}
