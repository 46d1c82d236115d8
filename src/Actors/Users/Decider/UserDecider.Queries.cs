namespace Cluster.Actors.Users;

public sealed partial class UserDecider
{
    /// <summary>The largest history page one query returns.</summary>
    public const int MaxHistoryPage = 500;

    /// <summary>Answers a read; never changes the state.</summary>
    public IUserReply Query(UserState state, IUserQuery query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(query);
        if (query is GetProfile)
        {
            return new ProfileReply(state.Status, state.Profile);
        }

        if (state.Status != UserStatus.Active)
        {
            return query is VerifyPassword ? new PasswordCheckReply(false, false) : NotFound(state).Reply!;
        }

        return query switch
        {
            GetPresence q => PresenceFor(state, q, now),
            GetBindings => new BindingsReply(state.LiveBindings(now)),
            GetCallTargets => CallTargets(state, now),
            GetContacts => new ContactsReply(
                [.. state.Contacts.Values], [.. state.IncomingRequests.Values, .. state.OutgoingRequests.Values], state.DomainLevels),
            GetPushDevices => new PushDevicesReply([.. state.PushDevices.Values]),
            GetWatchers => new WatchersReply([.. state.LiveWatchers(now).Select(w =>
                new WatcherInfo(w.Id, w.WatcherAddress, w.Kind, state.ExpiryOf(w), state.AccessFor(w.WatcherAddress)))]),
            GetHistory q => History(state, q),
            VerifyPassword q => CheckPassword(state, q),
            GetDigestCredentials q => Digest(state, q),
            _ => new CommandRejected(UserErrorCode.InvalidArgument, $"unknown user query {query.GetType().Name}"),
        };
    }

    private static IUserReply PresenceFor(UserState state, GetPresence q, DateTimeOffset now)
    {
        if (q.Watcher.IsEmpty)
        {
            return new CommandRejected(UserErrorCode.InvalidArgument, "watcher is missing");
        }

        var access = state.AccessFor(q.Watcher);
        var view = access.State == SubscriptionState.Active ? PresenceVisibility.Filter(state.Address, state.PresenceAt(now), access.Level) : null;
        return new PresenceReply(access.State, access.Level, view);
    }

    private static CallTargetsReply CallTargets(UserState state, DateTimeOffset now)
    {
        var presence = state.PresenceAt(now);
        if (!state.IsEnabled)
        {
            return new CallTargetsReply(Availability.Offline, false, [], [], [], [], null);
        }

        return new CallTargetsReply(
            presence.Availability,
            presence.InCall,
            state.LiveBindings(now),
            [.. state.LiveSessions(now).Select(s => s.Endpoint)],
            [.. state.PushDevices.Values],
            [.. state.Forwarding.Values],
            state.RemoteOffice);
    }

    private static IUserReply History(UserState state, GetHistory q)
    {
        if (q.Limit is < 1 or > MaxHistoryPage)
        {
            return new CommandRejected(UserErrorCode.InvalidArgument, $"limit {q.Limit} is out of range 1..{MaxHistoryPage}");
        }

        var anchor = long.MaxValue;
        if (q.BeforeMessageId is not null)
        {
            if (state.Chat.Find(q.BeforeMessageId) is not { } cursor)
            {
                return new CommandRejected(UserErrorCode.NoSuchItem, $"no message {q.BeforeMessageId} in the history");
            }

            anchor = cursor.Sequence;
        }

        var matching = state.Chat.Messages
            .Where(m => m.Sequence < anchor
                && (q.Before is not { } before || m.AcceptedAt < before)
                && (q.Peer is not { } peer || m.From == peer || m.To == peer))
            .ToList();
        var page = matching.Count > q.Limit ? matching.GetRange(matching.Count - q.Limit, q.Limit) : matching;
        return new HistoryPage(page, matching.Count > q.Limit);
    }

    private PasswordCheckReply CheckPassword(UserState state, VerifyPassword q)
    {
        if (!state.IsEnabled || state.Credentials is not { } credentials || q.Password is null)
        {
            return new PasswordCheckReply(false, false);
        }

        var valid = credentials.Web.Verify(q.Password);
        return new PasswordCheckReply(valid, valid && credentials.Web.NeedsRehash(Settings.PasswordIterations));
    }

    private static IUserReply Digest(UserState state, GetDigestCredentials q)
    {
        if (RequireEnabled(state) is { } disabled)
        {
            return disabled.Reply!;
        }

        if (state.Credentials is not { } credentials)
        {
            return new CommandRejected(UserErrorCode.NoCredentials, $"user {state.Address} has no password set");
        }

        if (!string.Equals(credentials.Sip.Realm, q.Realm, StringComparison.Ordinal))
        {
            return new CommandRejected(UserErrorCode.NoCredentials, $"credentials of {state.Address} are for realm '{credentials.Sip.Realm}', not '{q.Realm}'");
        }

        return new DigestCredentialsReply(credentials.Sip.Username, credentials.Sip.Realm, q.Algorithm, credentials.Sip.Ha1(q.Algorithm));
    }
}
