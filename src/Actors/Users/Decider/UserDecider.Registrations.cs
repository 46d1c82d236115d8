namespace Cluster.Actors.Users;

public sealed partial class UserDecider
{
    /// <summary>Upper bound on any expiry the entity accepts (a year); the registrar edge clamps far lower.</summary>
    private const int MaxExpiresSeconds = 366 * 24 * 3600;

    /// <summary>
    /// RFC 3261 §10.3 steps 6-8. Each contact is checked against the existing binding with the same key: a different
    /// Call-ID updates (or removes) it, the same Call-ID needs a higher CSeq or the whole request fails (step 7).
    /// Updates are all-or-nothing. A change of anything but expiry and CSeq is journaled; a pure refresh is not.
    /// </summary>
    private Outcome HandleRegister(UserState state, Register c, DateTimeOffset now)
    {
        if (RequireEnabled(state) is { } disabled)
        {
            return disabled;
        }

        if (string.IsNullOrWhiteSpace(c.CallId) || c.CallId.Length > 256)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "Call-ID is missing or longer than 256 characters");
        }

        // RFC 3261 §8.1.1.5: the CSeq number is a 32-bit unsigned integer below 2**31.
        if (c.CSeq is < 0 or >= 1L << 31)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"CSeq {c.CSeq} is out of range 0..2^31-1");
        }

        var contacts = c.Contacts ?? [];
        var bindingsReply = (UserState after) => (IUserReply)new BindingsReply(after.LiveBindings(now));
        if (contacts.Any(u => u?.IsWildcard == true))
        {
            return RegisterWildcard(state, c, contacts, now, bindingsReply);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var update in contacts)
        {
            if (ValidateContact(update) is { } error)
            {
                return Outcome.Reject(UserErrorCode.InvalidArgument, error);
            }

            if (!seen.Add(update.Key))
            {
                return Outcome.Reject(UserErrorCode.InvalidArgument, $"contact {update.Key} appears twice in one REGISTER");
            }
        }

        var outcome = Outcome.Ok(bindingsReply);
        var added = 0;
        var live = state.Bindings.Values.Where(b => state.IsLive(b, now)).Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var update in contacts)
        {
            var key = update.Key;
            var existing = state.Bindings.GetValueOrDefault(key);
            var isLive = existing is not null && live.Contains(key);
            if (isLive && existing!.CallId == c.CallId && c.CSeq <= state.CSeqOf(existing))
            {
                return Outcome.Reject(UserErrorCode.OutOfOrder,
                    $"CSeq {c.CSeq} is not higher than {state.CSeqOf(existing)} for binding {key} with the same Call-ID (RFC 3261 §10.3 step 7)");
            }

            if (update.ExpiresSeconds == 0)
            {
                if (existing is not null)
                {
                    outcome.With(new BindingRemoved(key, isLive ? BindingRemovalReason.Unregistered : BindingRemovalReason.Expired, now));
                    live.Remove(key);
                }

                continue;
            }

            var candidate = new SipBinding(
                key, update.ContactUri, update.InstanceId, update.RegId, update.Q, now.AddSeconds(update.ExpiresSeconds), c.CallId, c.CSeq,
                update.Flow, update.Path ?? [], UserValidation.Normalize(update.UserAgent), isLive ? existing!.RegisteredAt : now);
            if (!isLive)
            {
                outcome.With(new BindingAdded(candidate));
                live.Add(key);
                added++;
            }
            else if (candidate.SameRouteAs(existing!))
            {
                outcome.WithEphemeral(new BindingRefreshed(new BindingRefresh(key, candidate.ExpiresAt, c.CSeq)));
            }
            else
            {
                outcome.With(new BindingChanged(candidate));
            }
        }

        // Only growth is refused: after the limit was lowered, existing bindings may still refresh and leave.
        if (added > 0 && live.Count > Settings.MaxBindings)
        {
            return Outcome.Reject(UserErrorCode.LimitExceeded, $"user {state.Address} may hold at most {Settings.MaxBindings} bindings");
        }

        return outcome;
    }

    /// <summary>RFC 3261 §10.3 step 6: <c>*</c> must be alone with expiry 0; it removes every binding, subject to step 7.</summary>
    private static Outcome RegisterWildcard(UserState state, Register c, IReadOnlyList<ContactUpdate> contacts, DateTimeOffset now, Func<UserState, IUserReply> reply)
    {
        if (contacts.Count != 1 || contacts[0].ExpiresSeconds != 0)
        {
            return Outcome.Reject(UserErrorCode.InvalidWildcard, "Contact: * is only allowed alone and with Expires: 0 (RFC 3261 §10.3 step 6)");
        }

        var outcome = Outcome.Ok(reply);
        foreach (var binding in state.Bindings.Values)
        {
            var isLive = state.IsLive(binding, now);
            if (isLive && binding.CallId == c.CallId && c.CSeq <= state.CSeqOf(binding))
            {
                return Outcome.Reject(UserErrorCode.OutOfOrder,
                    $"CSeq {c.CSeq} is not higher than {state.CSeqOf(binding)} for binding {binding.Key} with the same Call-ID (RFC 3261 §10.3 step 6)");
            }

            outcome.With(new BindingRemoved(binding.Key, isLive ? BindingRemovalReason.Wildcard : BindingRemovalReason.Expired, now));
        }

        return outcome;
    }

    private static string? ValidateContact(ContactUpdate? update)
    {
        if (update is null)
        {
            return "a contact is null";
        }

        var uri = update.ContactUri;
        if (string.IsNullOrWhiteSpace(uri) || uri.IndexOf(':') <= 0 || uri.Length > 1024 || uri.Any(char.IsWhiteSpace))
        {
            return $"contact '{uri}' is not a URI";
        }

        if (update.ExpiresSeconds is < 0 or > MaxExpiresSeconds)
        {
            return $"expires {update.ExpiresSeconds} for {uri} is out of range 0..{MaxExpiresSeconds}";
        }

        // RFC 3261 §20.10: q is a value between 0 and 1 with at most three decimals.
        if (update.Q is { } q && (double.IsNaN(q) || q < 0 || q > 1))
        {
            return $"q {q} for {uri} is out of range 0..1";
        }

        // RFC 5626 §4.2: reg-id is 1..2^31-1, and is meaningful only with +sip.instance.
        if (update.RegId is { } regId && (regId < 1 || update.InstanceId is null))
        {
            return $"reg-id {regId} for {uri} must be positive and come with +sip.instance";
        }

        if (update.InstanceId is not null && UserValidation.Token(update.InstanceId, "+sip.instance", required: true, 256) is { } instanceError)
        {
            return instanceError;
        }

        if (update.Flow is null || !update.Flow.IsValid)
        {
            return $"contact {uri} has no edge flow (node and flow token)";
        }

        return (update.Path ?? []).Any(p => string.IsNullOrWhiteSpace(p)) ? $"contact {uri} has an empty Path entry" : null;
    }

    private Outcome HandleAnnounceSession(UserState state, AnnounceSession c, DateTimeOffset now)
    {
        if (RequireEnabled(state) is { } disabled)
        {
            return disabled;
        }

        if (c.Session is null || !c.Session.IsValid)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "session needs a node id and a session id");
        }

        if (c.TtlSeconds is < 1 or > 86_400)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"session ttl {c.TtlSeconds}s is out of range 1..86400");
        }

        var key = c.Session.Key;
        var existing = state.Ephemeral.Sessions.GetValueOrDefault(key);
        if (existing is null && state.LiveSessions(now).Count() >= Settings.MaxSessions)
        {
            return Outcome.Reject(UserErrorCode.LimitExceeded, $"user {state.Address} may hold at most {Settings.MaxSessions} sessions");
        }

        var session = new ClientSession(c.Session, UserValidation.Normalize(c.Client), now.AddSeconds(c.TtlSeconds), c.Idle, existing?.OpenedAt ?? now);
        return Outcome.Ok().WithEphemeral(new SessionAnnounced(session));
    }

    private static Outcome HandleCloseSession(UserState state, CloseSession c) =>
        c.Session is not null && state.Ephemeral.Sessions.ContainsKey(c.Session.Key)
            ? Outcome.Ok().WithEphemeral(new SessionClosed(c.Session.Key))
            : Outcome.Ok();

    private Outcome HandleRegisterPush(UserState state, RegisterPushDevice c, DateTimeOffset now)
    {
        if (RequireEnabled(state) is { } disabled)
        {
            return disabled;
        }

        var error = UserValidation.Token(c.Provider, "pn-provider", required: true, 64)
            ?? UserValidation.Token(c.Prid, "pn-prid", required: true)
            ?? UserValidation.Token(c.Param, "pn-param", required: false)
            ?? UserValidation.Text(c.AppId, "app id", required: false)
            ?? UserValidation.Text(c.Platform, "platform", required: false);
        if (error is not null)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        var device = new PushDevice(c.Provider.ToLowerInvariant(), c.Prid, c.Param, UserValidation.Normalize(c.AppId), UserValidation.Normalize(c.Platform), now);
        if (state.PushDevices.TryGetValue(device.Key, out var existing))
        {
            return existing.SameParametersAs(device) ? Outcome.Ok() : Outcome.Ok().With(new PushDeviceRegistered(device));
        }

        return state.PushDevices.Count >= Settings.MaxPushDevices
            ? Outcome.Reject(UserErrorCode.LimitExceeded, $"user {state.Address} may have at most {Settings.MaxPushDevices} push devices")
            : Outcome.Ok().With(new PushDeviceRegistered(device));
    }

    private static Outcome HandleRemovePush(UserState state, RemovePushDevice c, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(c.Provider) || string.IsNullOrEmpty(c.Prid) || !state.PushDevices.ContainsKey(PushDevice.KeyFor(c.Provider, c.Prid)))
        {
            return Outcome.Reject(UserErrorCode.NoSuchItem, $"no push device {c.Provider}/{c.Prid}");
        }

        return Outcome.Ok().With(new PushDeviceRemoved(c.Provider.ToLowerInvariant(), c.Prid, now));
    }

    private Outcome HandleSetForwarding(UserState state, SetForwarding c)
    {
        if (!Enum.IsDefined(c.Kind))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"unknown forwarding kind {c.Kind}");
        }

        if (UserValidation.TargetUri(c.Target, "forwarding") is { } error)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        if (UserValidation.NamesUser(c.Target, state.Address))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "forwarding to oneself would loop");
        }

        int? seconds = null;
        if (c.Kind == ForwardingKind.NoAnswer)
        {
            seconds = c.NoAnswerSeconds ?? Settings.DefaultNoAnswerSeconds;
            if (seconds < Settings.MinNoAnswerSeconds || seconds > Settings.MaxNoAnswerSeconds)
            {
                return Outcome.Reject(UserErrorCode.InvalidArgument,
                    $"no-answer delay {seconds}s is out of range {Settings.MinNoAnswerSeconds}..{Settings.MaxNoAnswerSeconds}s");
            }
        }
        else if (c.NoAnswerSeconds is not null)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"a delay applies only to no-answer forwarding, not {c.Kind}");
        }

        var rule = new ForwardingRule(c.Kind, c.Target, seconds);
        return state.Forwarding.TryGetValue(c.Kind, out var existing) && existing == rule
            ? Outcome.Ok()
            : Outcome.Ok().With(new ForwardingSet(rule));
    }

    private static Outcome HandleClearForwarding(UserState state, ClearForwarding c) =>
        state.Forwarding.ContainsKey(c.Kind) ? Outcome.Ok().With(new ForwardingCleared(c.Kind)) : Outcome.Ok();

    private static Outcome HandleSetRemoteOffice(UserState state, SetRemoteOffice c)
    {
        if (!Enum.IsDefined(c.Mode))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, $"unknown remote office mode {c.Mode}");
        }

        if (UserValidation.TargetUri(c.Target, "remote office") is { } error)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        if (UserValidation.NamesUser(c.Target, state.Address))
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, "remote office cannot ring the user's own address");
        }

        var office = new RemoteOffice(c.Enabled, c.Target, c.Mode);
        return office == state.RemoteOffice ? Outcome.Ok() : Outcome.Ok().With(new RemoteOfficeSet(office));
    }
}
