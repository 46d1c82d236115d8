using Cluster.Runtime.Persistence;
using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Tests.Persistence.Actors;

/// <summary>A cart event stored by version 1 of the code (raw SQL row) recovers into today's event type.</summary>
public sealed class SqliteStoredCartEventTests : PersistentActorTestBase
{
    private readonly string directory = PluginTargets.NewTempDirectory();

    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Sqlite(directory));

    protected override Task CleanupAsync()
    {
        PluginTargets.DeleteDirectory(directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Version_1_payload_recovers_into_the_current_event_through_the_upcaster()
    {
        using (var connection = new SqliteConnection($"Data Source={Settings.Journal.SqlitePath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $$"""
                INSERT INTO journal (persistence_id, sequence_number, created, tags, manifest, payload, writer_uuid, deleted)
                VALUES ('cart-old', 1, 1700000000000, NULL, '{{CartRegistry.ItemAddedV1}}', CAST('{"name":"kettle"}' AS BLOB), 'node-v1', 0)
                """;
            cmd.ExecuteNonQuery();
        }
        var reporter = CreateProbe();
        var cart = StartCart("cart-old", reporter);
        Assert.Equal(new Replayed("kettle", 1), await reporter.ExpectMsgAsync<Replayed>());
        Assert.Equal(["kettle"], (await reporter.ExpectMsgAsync<RecoveryDone>()).Items);
        Assert.Equal(new Added("toaster", 2), await AskAsync<Added>(cart, new Add("toaster"), "ack after upcast recovery"));
    }
}
