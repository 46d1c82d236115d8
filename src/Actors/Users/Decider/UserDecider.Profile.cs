namespace Cluster.Actors.Users;

public sealed partial class UserDecider
{
    private Outcome HandleCreate(UserState state, CreateUser c, DateTimeOffset now)
    {
        if (state.Status == UserStatus.Active)
        {
            return Outcome.Reject(UserErrorCode.AlreadyExists, $"user {state.Address} already exists");
        }

        var phones = c.PhoneNumbers ?? [];
        var error = UserValidation.Text(c.DisplayName, "display name", required: true)
            ?? UserValidation.Email(UserValidation.Normalize(c.Email))
            ?? UserValidation.Text(c.Department, "department", required: false)
            ?? phones.Select(UserValidation.PhoneNumber).FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        return Outcome.Ok().With(new UserCreated(
            state.Address, c.DisplayName.Trim(), UserValidation.Normalize(c.Email), [.. phones.Select(p => p.Trim())], UserValidation.Normalize(c.Department), now));
    }

    private static Outcome HandleUpdateProfile(UserState state, UpdateProfile c)
    {
        var profile = state.Profile;
        var displayName = c.DisplayName is null ? profile.DisplayName : c.DisplayName.Trim();
        var email = c.Email is null ? profile.Email : UserValidation.Normalize(c.Email);
        var department = c.Department is null ? profile.Department : UserValidation.Normalize(c.Department);
        IReadOnlyList<string> phones = c.PhoneNumbers is null ? profile.PhoneNumbers : [.. c.PhoneNumbers.Select(p => p.Trim())];
        var error = UserValidation.Text(displayName, "display name", required: true)
            ?? UserValidation.Email(email)
            ?? UserValidation.Text(department, "department", required: false)
            ?? phones.Select(UserValidation.PhoneNumber).FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, error);
        }

        if (displayName == profile.DisplayName && email == profile.Email && department == profile.Department
            && phones.SequenceEqual(profile.PhoneNumbers))
        {
            return Outcome.Ok();
        }

        return Outcome.Ok().With(new ProfileUpdated(displayName, email, phones, department));
    }

    private static Outcome HandleSetDisabled(UserState state, SetUserDisabled c, DateTimeOffset now)
    {
        if (state.Profile.Disabled == c.Disabled)
        {
            return Outcome.Ok();
        }

        var outcome = Outcome.Ok().With(new UserDisabledChanged(c.Disabled, now));
        if (c.Disabled)
        {
            // A disabled user must not stay reachable: its bindings and sessions go, watchers see it offline.
            outcome.With(state.Bindings.Keys.Select(k => new BindingRemoved(k, BindingRemovalReason.Deactivated, now)));
            outcome.WithEphemeral(SessionsCleared.Instance);
        }

        return outcome;
    }

    private static Outcome HandleRemove(UserState state, DateTimeOffset now)
    {
        var outcome = Outcome.Ok().With(new UserRemoved(now));
        foreach (var watcher in state.Watchers.Values)
        {
            // RFC 6665 §4.2.2: reason=noresource tells the watcher not to retry.
            outcome.WithEffect(new NotifyWatcher(watcher.Id, state.Address, SubscriptionState.Terminated, null, WatcherTermination.NoResource));
        }

        return outcome;
    }

    private Outcome HandleSetPassword(UserState state, SetPassword c, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(c.Password) || c.Password.Length < Settings.MinPasswordLength)
        {
            return Outcome.Reject(UserErrorCode.WeakPassword, $"password must have at least {Settings.MinPasswordLength} characters");
        }

        if (c.Password.Length > 1024)
        {
            return Outcome.Reject(UserErrorCode.WeakPassword, "password is longer than 1024 characters");
        }

        var realm = UserValidation.Normalize(c.Realm) ?? Settings.DigestRealm ?? state.Address.Domain;
        var realmError = UserValidation.Text(realm, "realm", required: true)
            ?? (realm.Contains('"', StringComparison.Ordinal) ? "realm may not contain '\"'" : null);
        if (realmError is not null)
        {
            return Outcome.Reject(UserErrorCode.InvalidArgument, realmError);
        }

        var web = PasswordHash.Create(c.Password, Settings.PasswordIterations, Settings.SaltSize);
        var sip = SipDigestCredentials.Create(state.Address.User, realm, c.Password);
        return Outcome.Ok().With(new PasswordSet(web, sip, now));
    }
}
