namespace Cluster.Actors.Users;

/// <summary>Clock-dependent views of the state: what is live at an instant, and when the next thing lapses.</summary>
public sealed partial record UserState
{
    /// <summary>
    /// The expiry of a binding: an unjournaled refresh is always newer than the journaled binding (applying a binding
    /// event drops the refresh), so it wins even when the client asked for a shorter expiry.
    /// </summary>
    public DateTimeOffset ExpiryOf(SipBinding binding) =>
        Ephemeral.BindingRefreshes.TryGetValue(binding.Key, out var refresh) ? refresh.ExpiresAt : binding.ExpiresAt;

    /// <summary>The CSeq of a binding including an unjournaled refresh.</summary>
    public long CSeqOf(SipBinding binding) =>
        Ephemeral.BindingRefreshes.TryGetValue(binding.Key, out var refresh) ? refresh.CSeq : binding.CSeq;

    /// <summary>True when the binding has not lapsed at <paramref name="now"/>.</summary>
    public bool IsLive(SipBinding binding, DateTimeOffset now) => ExpiryOf(binding) > now;

    /// <summary>Bindings that have not expired at <paramref name="now"/>, with their live expiry, ordered by key.</summary>
    public IReadOnlyList<BindingView> LiveBindings(DateTimeOffset now)
    {
        var result = new List<BindingView>(Bindings.Count);
        foreach (var binding in Bindings.Values)
        {
            var expiresAt = ExpiryOf(binding);
            if (expiresAt > now)
            {
                var seconds = (int)Math.Min(int.MaxValue, Math.Floor((expiresAt - now).TotalSeconds));
                result.Add(new BindingView(binding.Key, binding.ContactUri, binding.InstanceId, binding.RegId, binding.Q, expiresAt, seconds,
                    binding.CallId, CSeqOf(binding), binding.Flow, binding.Path, binding.UserAgent));
            }
        }

        return result;
    }

    /// <summary>Web sessions that have not expired at <paramref name="now"/>.</summary>
    public IEnumerable<ClientSession> LiveSessions(DateTimeOffset now) =>
        Ephemeral.Sessions.Values.Where(s => s.ExpiresAt > now);

    /// <summary>The expiry of a watcher including an unjournaled refresh.</summary>
    public DateTimeOffset ExpiryOf(Watcher watcher) =>
        Ephemeral.WatcherRefreshes.TryGetValue(watcher.Id.Key, out var refreshed) ? refreshed : watcher.ExpiresAt;

    public IEnumerable<Watcher> LiveWatchers(DateTimeOffset now) =>
        Watchers.Values.Where(w => ExpiryOf(w) > now);

    /// <summary>True when some live binding or session could take a message or a call now.</summary>
    public bool IsReachable(DateTimeOffset now) =>
        Bindings.Values.Any(b => IsLive(b, now)) || LiveSessions(now).Any();

    /// <summary>The full presence at <paramref name="now"/>, before permission filtering.</summary>
    public EffectivePresence PresenceAt(DateTimeOffset now) => PresenceCalculator.Compute(this, now);

    /// <summary>Level and subscription state of <paramref name="watcher"/>.</summary>
    public WatcherAccess AccessFor(Cluster.Actors.Common.UserAddress watcher) => PermissionResolver.Resolve(this, watcher);

    /// <summary>
    /// The earliest instant at which something lapses (a binding, session or watcher expires, or an explicit state's
    /// "until" passes); the entity arms a keyed timer for it and sends <see cref="ExpireDue"/>. Null when nothing will.
    /// </summary>
    public DateTimeOffset? NextDeadline()
    {
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset at)
        {
            if (next is null || at < next)
            {
                next = at;
            }
        }

        foreach (var binding in Bindings.Values)
        {
            Consider(ExpiryOf(binding));
        }

        foreach (var session in Ephemeral.Sessions.Values)
        {
            Consider(session.ExpiresAt);
        }

        foreach (var watcher in Watchers.Values)
        {
            Consider(ExpiryOf(watcher));
        }

        if (Presence.Explicit?.Until is { } until)
        {
            Consider(until);
        }

        return next;
    }

    /// <summary>The reply recorded for a command id, journaled or ephemeral, or null.</summary>
    public IUserReply? RecordedReply(string commandId) =>
        Commands.Find(commandId) ?? Ephemeral.Answers.Find(commandId);
}
