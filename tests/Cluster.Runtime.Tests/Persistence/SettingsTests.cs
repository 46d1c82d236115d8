using Cluster.Runtime.Persistence;

namespace Cluster.Runtime.Tests.Persistence;

public class SettingsTests
{
    [Fact]
    public void Invalid_values_are_refused_naming_the_key()
    {
        var ex = Assert.Throws<ArgumentException>(() => new JournalSettings { MaxBatchSize = 0 }.Validate());
        Assert.Contains("uc.persistence.journal.max-batch-size", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => new JournalSettings { Plugin = PersistencePluginKind.PostgreSql }.Validate());
        Assert.Contains("uc.persistence.journal.connection-string", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => new SnapshotSettings { Table = "snap\"; DROP TABLE x" }.Validate());
        Assert.Contains("uc.persistence.snapshot-store.table", ex.Message);
    }

    [Fact]
    public void Defaults_match_reference_conf()
    {
        using var stream = typeof(JournalSettings).Assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith("Persistence.reference.conf", StringComparison.Ordinal))
            .Select(n => typeof(JournalSettings).Assembly.GetManifestResourceStream(n))
            .Single()!;
        var conf = new StreamReader(stream).ReadToEnd();
        var journal = new JournalSettings();

        Assert.Contains($"max-batch-size = {journal.MaxBatchSize}\n", conf);
        Assert.Contains($"queue-capacity = {journal.QueueCapacity}\n", conf);
        Assert.Contains($"batch-retries = {journal.BatchRetries}\n", conf);
        Assert.Contains($"batch-retry-backoff = {journal.BatchRetryBackoff.TotalMilliseconds}ms\n", conf);
        Assert.Contains($"replay-page-size = {journal.ReplayPageSize}\n", conf);
        Assert.Contains($"sqlite-path = \"{journal.SqlitePath}\"\n", conf);
        Assert.Contains($"table = {journal.Table}\n", conf);
        Assert.Contains($"tag-table = {journal.TagTable}\n", conf);
        Assert.Contains($"table = {new SnapshotSettings().Table}\n", conf);
        // Every key has a comment line right above it.
        var lines = conf.Split('\n').Select(l => l.Trim()).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('#') && lines[i].Contains(" = ")) Assert.True(lines[i - 1].StartsWith('#'), $"key '{lines[i]}' in reference.conf has no comment");
        }
    }
}
