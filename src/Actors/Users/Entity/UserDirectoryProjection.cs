using Cluster.Actors.Common;
using Cluster.Runtime.Persistence.Query;
using Serilog;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// The <c>user-directory</c> read model of one node: follows <see cref="IReadJournal.EventsByTag"/> for
/// <see cref="UserEntity.DirectoryTag"/> from offset 0 (the whole directory is rebuilt at start, which is cheap:
/// only profile events carry the tag) and then live, keeping the users in memory for <see cref="IUserListing"/>.
/// If the journal query fails it waits <see cref="UserEntitySettings.DirectoryRetryInterval"/> and resumes after the
/// last offset it applied, so no event is applied twice or skipped.
/// </summary>
public sealed class UserDirectoryProjection : IUserListing, IAsyncDisposable
{
    private readonly IReadJournal journal;
    private readonly UserEntitySettings settings;
    private readonly ILogger log;
    private readonly TimeProvider time;
    private readonly Action<UserAddress, IUserEvent>? observer;
    private readonly SortedDictionary<string, UserListingEntry> users = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? running;
    private long offset;

    /// <param name="journal">The node's read journal.</param>
    /// <param name="settings">Retry interval and page size cap.</param>
    /// <param name="log">Where query failures are logged.</param>
    /// <param name="time">Clock for the retry wait.</param>
    /// <param name="observer">Also given every applied event, e.g. a directory search index; exceptions are logged.</param>
    public UserDirectoryProjection(IReadJournal journal, UserEntitySettings settings, ILogger log, TimeProvider? time = null,
        Action<UserAddress, IUserEvent>? observer = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        this.journal = journal;
        this.settings = settings;
        this.log = log.ForContext("SourceContext", typeof(UserDirectoryProjection).FullName);
        this.time = time ?? TimeProvider.System;
        this.observer = observer;
    }

    /// <summary>The journal offset of the last event applied (0 before the first).</summary>
    public long Offset => Interlocked.Read(ref offset);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return users.Count;
            }
        }
    }

    /// <summary>Starts following the journal in the background. Idempotent.</summary>
    public void Start()
    {
        lock (gate)
        {
            running ??= Task.Run(() => RunAsync(stopping.Token));
        }
    }

    public UserListingPage List(string? prefix = null, int page = 0, int pageSize = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        pageSize = Math.Min(pageSize, settings.MaxPageSize);
        var skip = (long)page * pageSize;
        var result = new List<UserListingEntry>(pageSize);
        var total = 0;
        lock (gate)
        {
            foreach (var entry in users.Values)
            {
                if (!Matches(entry, prefix))
                {
                    continue;
                }

                if (total >= skip && result.Count < pageSize)
                {
                    result.Add(entry);
                }

                total++;
            }
        }

        return new UserListingPage(result, total, page, pageSize);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        Task? task;
        lock (gate)
        {
            task = running;
        }

        if (task is not null)
        {
            await task.ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    private static bool Matches(UserListingEntry entry, string? prefix) =>
        string.IsNullOrEmpty(prefix)
        || entry.Address.ToString().StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        || entry.DisplayName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var envelope in journal.EventsByTag(UserEntity.DirectoryTag, Offset, cancellationToken).ConfigureAwait(false))
                {
                    Apply(envelope);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.Warning(e, "User directory projection: reading tag {Tag} after offset {Offset} failed; retrying in {Retry}",
                    UserEntity.DirectoryTag, Offset, settings.DirectoryRetryInterval);
                try
                {
                    await Task.Delay(settings.DirectoryRetryInterval, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Apply(EventEnvelope envelope)
    {
        if (envelope.Event is IUserEvent e && AddressOf(envelope) is { } address)
        {
            lock (gate)
            {
                ApplyLocked(address, e);
            }

            Notify(address, e);
        }
        else
        {
            log.Warning("User directory projection: skipped {EventType} of {PersistenceId} at offset {Offset} (not a user event)",
                envelope.Event.GetType().Name, envelope.PersistenceId, envelope.Offset);
        }

        Interlocked.Exchange(ref offset, envelope.Offset);
    }

    private void ApplyLocked(UserAddress address, IUserEvent e)
    {
        var key = address.ToString();
        switch (e)
        {
            case UserCreated created:
                users[key] = new UserListingEntry(address, created.DisplayName, created.Email, created.Department, Disabled: false);
                break;
            case ProfileUpdated updated when users.TryGetValue(key, out var entry):
                users[key] = entry with { DisplayName = updated.DisplayName, Email = updated.Email, Department = updated.Department };
                break;
            case UserDisabledChanged disabled when users.TryGetValue(key, out var entry):
                users[key] = entry with { Disabled = disabled.Disabled };
                break;
            case UserRemoved:
                users.Remove(key);
                break;
        }
    }

    private void Notify(UserAddress address, IUserEvent e)
    {
        if (observer is null)
        {
            return;
        }

        try
        {
            observer(address, e);
        }
        catch (Exception ex)
        {
            log.Error(ex, "User directory projection: the observer failed on {EventType} of {User}", e.GetType().Name, address);
        }
    }

    private static UserAddress? AddressOf(EventEnvelope envelope) =>
        envelope.PersistenceId.StartsWith(UserEntity.PersistenceIdPrefix, StringComparison.Ordinal)
        && UserAddress.TryParse(envelope.PersistenceId[UserEntity.PersistenceIdPrefix.Length..], out var address, out _)
            ? address
            : null;
}
