using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;

namespace Cluster.Runtime.Tests.Persistence.Actors;

public class PersistenceSettingsConfigTests
{
    private static Config WithReference(string hocon) =>
        ConfigFactory.ParseString(hocon, "test.conf").WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(ActorSystem).Assembly)).Resolve();

    [Fact]
    public void Reference_defaults_equal_the_record_defaults()
    {
        var settings = PersistenceSettings.FromConfig(WithReference(""));
        Assert.Equal(PersistenceSettings.Default, settings);
    }

    [Fact]
    public void Overrides_are_read()
    {
        var settings = PersistenceSettings.FromConfig(WithReference("""
            uc.persistence.journal { plugin = postgresql, connection-string = "Host=db", schema = uc, max-batch-size = 50, batch-retries = 0,
                                     batch-retry-backoff = 0s, query-refresh-interval = 250ms, auto-initialize = off }
            uc.persistence.snapshot-store { plugin = inmem, table = snaps }
            """));
        Assert.Equal(PersistencePluginKind.PostgreSql, settings.Journal.Plugin);
        Assert.Equal("Host=db", settings.Journal.ConnectionString);
        Assert.Equal("uc", settings.Journal.Schema);
        Assert.Equal(50, settings.Journal.MaxBatchSize);
        Assert.Equal(0, settings.Journal.BatchRetries);
        Assert.Equal(TimeSpan.Zero, settings.Journal.BatchRetryBackoff);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Journal.QueryRefreshInterval);
        Assert.False(settings.Journal.AutoInitialize);
        Assert.Equal(PersistencePluginKind.InMemory, settings.SnapshotStore.Plugin);
        Assert.Equal("snaps", settings.SnapshotStore.Table);
    }

    [Theory]
    [InlineData("\nuc.persistence.journal.max-batch-size = 0", "uc.persistence.journal.max-batch-size")]
    [InlineData("\nuc.persistence.journal.plugin = mongodb", "uc.persistence.journal.plugin")]
    [InlineData("\nuc.persistence.journal.command-timeout = 0s", "uc.persistence.journal.command-timeout")]
    [InlineData("\nuc.persistence.journal.batch-retry-max-backoff = 10ms", "uc.persistence.journal.batch-retry-max-backoff")]
    [InlineData("\nuc.persistence.snapshot-store.table = \"drop table\"", "uc.persistence.snapshot-store.table")]
    public void Bad_value_names_file_line_and_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => PersistenceSettings.FromConfig(WithReference(hocon)));
        Assert.Contains("test.conf:2", error.Message);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Postgresql_without_a_connection_string_is_refused_naming_the_key()
    {
        var error = Assert.Throws<ConfigException>(() => PersistenceSettings.FromConfig(WithReference("\nuc.persistence.journal.plugin = postgresql")));
        Assert.Contains("uc.persistence.journal.connection-string", error.Message);
    }
}
