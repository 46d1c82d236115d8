namespace Cluster.Actors.Users;

/// <summary>
/// Computes the effective presence at an instant. Rules, first match wins:
/// <list type="number">
/// <item>Not an active user, or disabled: offline.</item>
/// <item>An explicit state whose "until" has not passed: that state (explicit wins over everything derived).</item>
/// <item>No live binding and no live session: offline.</item>
/// <item>In a call: on-the-phone (coarse: busy), activity on-the-phone.</item>
/// <item>Only web sessions, all reporting idle: away.</item>
/// <item>Otherwise: available.</item>
/// </list>
/// Note and location are shown whatever the availability; devices list live bindings then sessions.
/// </summary>
public static class PresenceCalculator
{
    public static EffectivePresence Compute(UserState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != UserStatus.Active || state.Profile.Disabled)
        {
            return new EffectivePresence(Availability.Offline, PresenceActivity.None, PresenceSource.Derived, null, null, null, [], false);
        }

        var calls = state.Presence.Calls;
        var devices = new List<DeviceView>();
        foreach (var binding in state.LiveBindings(now))
        {
            devices.Add(new DeviceView(binding.Key, DeviceKind.Sip, binding.UserAgent, DeviceInCall(calls.Values, binding.Key), false));
        }

        foreach (var session in state.LiveSessions(now))
        {
            var key = session.Endpoint.Key;
            devices.Add(new DeviceView(key, DeviceKind.Web, session.Client, DeviceInCall(calls.Values, key), session.Idle));
        }

        var inCall = !calls.IsEmpty;
        var note = state.Presence.Note;
        var location = state.Presence.Location;
        if (state.Presence.Explicit is { } set && set.IsActiveAt(now))
        {
            return new EffectivePresence(set.Availability, set.Activity, PresenceSource.Explicit, note, set.Until, location, devices, inCall);
        }

        var (availability, activity) =
            devices.Count == 0 ? (Availability.Offline, PresenceActivity.None)
            : inCall ? (Availability.OnThePhone, PresenceActivity.OnThePhone)
            : devices.TrueForAll(d => d.Idle) ? (Availability.Away, PresenceActivity.None)
            : (Availability.Available, PresenceActivity.None);
        return new EffectivePresence(availability, activity, PresenceSource.Derived, note, null, location, devices, inCall);
    }

    private static bool DeviceInCall(IEnumerable<ActiveCall> calls, string deviceId) =>
        calls.Any(c => c.DeviceId == deviceId);
}
