using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

public sealed partial class UserDecider
{
    private Outcome HandleSetContact(UserState state, SetContact c)
    {
        if (CheckPeer(state, c.Address, "contact") is { } invalid)
        {
            return invalid;
        }

        var error = UserValidation.Text(c.DisplayName, "contact display name", required: false)
            ?? UserValidation.Text(c.Group, "group", required: false)
            ?? (c.Level is { } level && !Enum.IsDefined(level) ? $"unknown level {level}" : null);
        if (error is not null)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        return PutContact(state, new ContactEntry(c.Address, UserValidation.Normalize(c.DisplayName), UserValidation.Normalize(c.Group), c.Level));
    }

    private Outcome HandleSetContactLevel(UserState state, SetContactLevel c)
    {
        if (CheckPeer(state, c.Address, "contact") is { } invalid)
        {
            return invalid;
        }

        if (c.Level is { } level && !Enum.IsDefined(level))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"unknown level {level}");
        }

        var entry = state.Contacts.GetValueOrDefault(c.Address.ToString()) ?? new ContactEntry(c.Address, null, null, null);
        return PutContact(state, entry with { Level = c.Level });
    }

    private Outcome PutContact(UserState state, ContactEntry entry)
    {
        var key = entry.Address.ToString();
        if (state.Contacts.TryGetValue(key, out var existing))
        {
            return existing == entry ? Outcome.Ok() : Outcome.Ok().With(new ContactSet(entry));
        }

        return state.Contacts.Count >= Settings.MaxContacts
            ? Outcome.Reject(UserErrorCode.LimitExceeded, $"user {state.Address} may have at most {Settings.MaxContacts} contacts")
            : Outcome.Ok().With(new ContactSet(entry));
    }

    private static Outcome HandleRemoveContact(UserState state, RemoveContact c, DateTimeOffset now)
    {
        var key = c.Address.ToString();
        if (c.Address.IsEmpty || !state.Contacts.ContainsKey(key))
        {
            return Outcome.Reject(UserErrorCode.NoSuchItem, $"{c.Address} is not a contact");
        }

        var outcome = Outcome.Ok().With(new ContactRemoved(c.Address));
        if (state.OutgoingRequests.ContainsKey(key))
        {
            outcome.With(new AuthorizationResolved(c.Address, AuthorizationDirection.Outgoing, AuthorizationOutcome.Withdrawn, now));
        }

        return outcome;
    }

    private static Outcome HandleSetDomainLevel(UserState state, SetDomainLevel c)
    {
        var domain = c.Domain?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(domain) || domain.Contains('@', StringComparison.Ordinal)
            || !UserAddress.TryParse($"x@{domain}", out _, out _))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"'{c.Domain}' is not a domain");
        }

        if (c.Level is { } level && !Enum.IsDefined(level))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"unknown level {level}");
        }

        PermissionLevel? current = state.DomainLevels.TryGetValue(domain, out var existing) ? existing : null;
        return current == c.Level ? Outcome.Ok() : Outcome.Ok().With(new DomainLevelSet(domain, c.Level));
    }

    private static Outcome HandleRequestAuthorization(UserState state, RequestAuthorization c, DateTimeOffset now)
    {
        if ((CheckPeer(state, c.Peer, "peer") ?? MessageError(c.Message)) is { } invalid)
        {
            return invalid;
        }

        if (state.OutgoingRequests.ContainsKey(c.Peer.ToString()))
        {
            return Outcome.Ok();
        }

        var message = UserValidation.Normalize(c.Message);
        return Outcome.Ok()
            .With(new AuthorizationRequested(new AuthorizationRequest(c.Peer, AuthorizationDirection.Outgoing, message, now)))
            .WithEffect(new TellUser(c.Peer, new ReceiveAuthorizationRequest(state.Address, message) { CommandId = $"authz-request/{state.Address}/{now.UtcTicks}" }));
    }

    /// <summary>
    /// A peer asks for permission. A blocked peer is ignored silently (it must not learn it is blocked); a peer that
    /// already has a roster level is answered yes at once; otherwise the request waits for the user.
    /// </summary>
    private static Outcome HandleReceiveAuthorizationRequest(UserState state, ReceiveAuthorizationRequest c, DateTimeOffset now)
    {
        if ((CheckPeer(state, c.From, "requester") ?? MessageError(c.Message)) is { } invalid)
        {
            return invalid;
        }

        var (level, source) = PermissionResolver.ResolveLevel(state, c.From);
        if (level == PermissionLevel.Blocked || state.IncomingRequests.ContainsKey(c.From.ToString()))
        {
            return Outcome.Ok();
        }

        if (source == LevelSource.Contact)
        {
            return Outcome.Ok().WithEffect(Answer(state, c.From, accepted: true, now));
        }

        var request = new AuthorizationRequest(c.From, AuthorizationDirection.Incoming, UserValidation.Normalize(c.Message), now);
        return WithSessionNotice(Outcome.Ok().With(new AuthorizationRequested(request)), state, now, new AuthorizationRequestNotice(request));
    }

    private Outcome HandleAcceptAuthorization(UserState state, AcceptAuthorization c, DateTimeOffset now)
    {
        if (!state.IncomingRequests.ContainsKey(c.Peer.ToString()))
        {
            return Outcome.Reject(UserErrorCode.NoSuchItem, $"no pending request from {c.Peer}");
        }

        if (c.Level == PermissionLevel.Blocked || !Enum.IsDefined(c.Level))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "accept needs a level above blocked (deny with block to block)");
        }

        var entry = state.Contacts.GetValueOrDefault(c.Peer.ToString()) ?? new ContactEntry(c.Peer, null, null, null);
        var put = PutContact(state, entry with { Level = c.Level });
        if (put.IsRejected)
        {
            return put;
        }

        return Outcome.Ok()
            .With(new AuthorizationResolved(c.Peer, AuthorizationDirection.Incoming, AuthorizationOutcome.Accepted, now))
            .With(put.Events)
            .WithEffect(Answer(state, c.Peer, accepted: true, now));
    }

    private Outcome HandleDenyAuthorization(UserState state, DenyAuthorization c, DateTimeOffset now)
    {
        if (!state.IncomingRequests.ContainsKey(c.Peer.ToString()))
        {
            return Outcome.Reject(UserErrorCode.NoSuchItem, $"no pending request from {c.Peer}");
        }

        var outcome = Outcome.Ok().With(new AuthorizationResolved(c.Peer, AuthorizationDirection.Incoming, AuthorizationOutcome.Denied, now));
        if (c.Block)
        {
            var entry = state.Contacts.GetValueOrDefault(c.Peer.ToString()) ?? new ContactEntry(c.Peer, null, null, null);
            var put = PutContact(state, entry with { Level = PermissionLevel.Blocked });
            if (put.IsRejected)
            {
                return put;
            }

            outcome.With(put.Events);
            return outcome; // a blocked peer is not told anything
        }

        return outcome.WithEffect(Answer(state, c.Peer, accepted: false, now));
    }

    private static Outcome HandleAuthorizationAnswer(UserState state, ReceiveAuthorizationAnswer c, DateTimeOffset now) =>
        !c.From.IsEmpty && state.OutgoingRequests.ContainsKey(c.From.ToString())
            ? WithSessionNotice(
                Outcome.Ok().With(new AuthorizationResolved(c.From, AuthorizationDirection.Outgoing,
                    c.Accepted ? AuthorizationOutcome.Accepted : AuthorizationOutcome.Denied, now)),
                state, now, new AuthorizationAnswerNotice(c.From, c.Accepted, now))
            : Outcome.Ok();

    /// <summary>Adds a <see cref="NotifySessions"/> effect for the user's live web/app sessions, when there are any.</summary>
    private static Outcome WithSessionNotice(Outcome outcome, UserState state, DateTimeOffset now, UserNotice notice)
    {
        var sessions = state.LiveSessions(now).Select(s => s.Endpoint).ToList();
        return sessions.Count == 0 ? outcome : outcome.WithEffect(new NotifySessions(sessions, notice));
    }

    /// <summary>
    /// A new or refreshed presence subscription (RFC 6665 §4.2.1). Refused watchers are not kept. Expires 0 answers with
    /// the current state once and ends the subscription. The first view goes back in the reply, so no separate
    /// notification is planned for a new watcher.
    /// </summary>
    private Outcome HandleSubscribe(UserState state, Subscribe c, DateTimeOffset now)
    {
        if (c.Id is null || !c.Id.IsValid || c.WatcherAddress.IsEmpty || !Enum.IsDefined(c.Kind))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "subscribe needs a node, a subscription id, a watcher address and a kind");
        }

        if (c.ExpiresSeconds is < 0 or > MaxExpiresSeconds)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"expires {c.ExpiresSeconds} is out of range 0..{MaxExpiresSeconds}");
        }

        var key = c.Id.Key;
        var existing = state.Watchers.GetValueOrDefault(key);
        var access = state.AccessFor(c.WatcherAddress);
        var presence = state.PresenceAt(now);
        var view = access.State == SubscriptionState.Active ? PresenceVisibility.Filter(state.Address, presence, access.Level) : null;
        if (access.State == SubscriptionState.Refused || c.ExpiresSeconds == 0)
        {
            var outcome = Outcome.Ok(new SubscriptionReply(access.State, access.Level, view, 0));
            if (existing is not null)
            {
                var reason = access.State == SubscriptionState.Refused ? WatcherTermination.Rejected : WatcherTermination.Unsubscribed;
                outcome.With(new WatcherRemoved(c.Id, reason, now));
            }

            return outcome;
        }

        var expiresAt = now.AddSeconds(c.ExpiresSeconds);
        var reply = Outcome.Ok(new SubscriptionReply(access.State, access.Level, view, c.ExpiresSeconds));
        if (existing is not null && existing.WatcherAddress == c.WatcherAddress && existing.Kind == c.Kind && state.ExpiryOf(existing) > now)
        {
            return reply.WithEphemeral(new WatcherRefreshed(key, expiresAt))
                .WithEphemeral(new WatcherNotified(key, new WatcherNotification(access.State, view)));
        }

        if (existing is null && state.Watchers.Count >= Settings.MaxWatchers)
        {
            return Outcome.Reject(UserErrorCode.LimitExceeded, $"user {state.Address} may have at most {Settings.MaxWatchers} watchers");
        }

        return reply.With(new WatcherAdded(new Watcher(c.Id, c.WatcherAddress, c.Kind, expiresAt, now)))
            .WithEphemeral(new WatcherNotified(key, new WatcherNotification(access.State, view)));
    }

    private static Outcome HandleUnsubscribe(UserState state, Unsubscribe c, DateTimeOffset now) =>
        c.Id is not null && state.Watchers.ContainsKey(c.Id.Key)
            ? Outcome.Ok().With(new WatcherRemoved(c.Id, WatcherTermination.Unsubscribed, now))
            : Outcome.Ok();

    private static TellUser Answer(UserState state, UserAddress peer, bool accepted, DateTimeOffset now) =>
        new(peer, new ReceiveAuthorizationAnswer(state.Address, accepted) { CommandId = $"authz-answer/{state.Address}/{now.UtcTicks}" });

    private static Outcome? CheckPeer(UserState state, UserAddress peer, string what) =>
        CheckAddress(peer, what)
        ?? (peer == state.Address ? Outcome.Reject(UserErrorCode.InvalidArgument, $"the {what} cannot be the user themself") : null);

    private static Outcome? MessageError(string? message) =>
        UserValidation.Text(message, "message", required: false, UserValidation.MaxNoteLength) is { } error
            ? Outcome.Reject(UserErrorCode.InvalidArgument, error)
            : null;
}
