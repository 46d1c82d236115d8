using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>
/// Opens the persistence components of one plugin for one test (a fresh database, file or schema each time), so
/// the conformance suites run unchanged against in-memory, SQLite and PostgreSQL.
/// </summary>
public abstract class PersistencePluginTestBase : IAsyncLifetime
{
    private readonly List<PersistenceComponents> opened = new();

    protected LogCapture Log { get; } = new(LogEventLevel.Debug);

    protected PersistenceSettings Settings { get; private set; } = PersistenceSettings.InMemory;

    protected PersistenceComponents Components { get; private set; } = null!;

    protected IJournal Journal => Components.Journal;

    /// <summary>Settings pointing at a new, empty store.</summary>
    protected abstract Task<PersistenceSettings> CreateSettingsAsync();

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Settings = await CreateSettingsAsync();
        Components = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var c in opened) await c.DisposeAsync();
        await CleanupAsync();
    }

    /// <summary>Opens (another) set of components on the same store, e.g. to simulate a restart or a second node.</summary>
    protected async Task<PersistenceComponents> OpenAsync(SerializerRegistry? registry = null, Func<JournalSettings, JournalSettings>? adjust = null)
    {
        var settings = adjust is null ? Settings : Settings with { Journal = adjust(Settings.Journal) };
        var components = await PersistencePlugins.CreateAsync(settings, registry ?? TestEvents.Registry(), Log.CreateLogger());
        opened.Add(components);
        return components;
    }

    /// <summary>Persists <paramref name="count"/> single-event writes for <paramref name="pid"/> starting at 1.</summary>
    protected async Task PersistAsync(string pid, int count, IJournal? journal = null, params string[] tags)
    {
        for (var seq = 1; seq <= count; seq++)
        {
            var result = await (journal ?? Journal).WriteAsync(TestEvents.Write(pid, seq, null, tags));
            Assert.True(result.IsOk, $"write {pid}/{seq} expected Ok, got {result.Outcome}: {result.Cause}");
        }
    }
}
