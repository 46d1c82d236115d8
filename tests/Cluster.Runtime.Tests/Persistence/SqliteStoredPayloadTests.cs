using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Tests.Persistence.Serialization;
using Cluster.TestSupport;
using Microsoft.Data.Sqlite;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>Rows written by an older version of the code, inserted as raw SQL, still recover through the journal.</summary>
public sealed class SqliteStoredPayloadTests : IAsyncLifetime
{
    private readonly string directory = PluginTargets.NewTempDirectory();
    private readonly LogCapture log = new(LogEventLevel.Debug);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        PluginTargets.DeleteDirectory(directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Event_stored_by_version_1_replays_as_the_current_type()
    {
        var settings = PluginTargets.Sqlite(directory);
        var registry = new SerializerRegistry()
            .Register<BindingAdded>("user.binding-added.v2")
            .RegisterUpcast<BindingAddedV1, BindingAdded>("user.binding-added.v1",
                old => new BindingAdded(old.Contact, BindingTransport.Udp, old.Expires));
        await using var components = await PersistencePlugins.CreateAsync(settings, registry, log.CreateLogger());
        using (var connection = new SqliteConnection($"Data Source={settings.Journal.SqlitePath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO journal (persistence_id, sequence_number, created, tags, manifest, payload, writer_uuid, deleted)
                VALUES ('user-alice', 1, 1700000000000, NULL, 'user.binding-added.v1',
                        CAST('{"contact":"sip:alice@10.0.0.7","expires":3600}' AS BLOB), 'node-old', 0)
                """;
            cmd.ExecuteNonQuery();
        }
        Assert.True((await components.Journal.WriteAsync(new AtomicWrite(
            new PersistentRepresentation(new BindingAdded("sip:alice@10.0.0.8", BindingTransport.Tls, 60), "user-alice", 2, "node-new")))).IsOk);

        var events = await components.Journal.ReplayAllAsync("user-alice");

        Assert.Equal(new BindingAdded("sip:alice@10.0.0.7", BindingTransport.Udp, 3600), events[0].Payload);
        Assert.Equal("user.binding-added.v1", events[0].Manifest);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), events[0].Timestamp);
        Assert.Equal(new BindingAdded("sip:alice@10.0.0.8", BindingTransport.Tls, 60), events[1].Payload);
        Assert.Equal("user.binding-added.v2", events[1].Manifest);
    }
}
