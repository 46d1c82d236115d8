using Cluster.TestSupport;

namespace Cluster.Node.Tests.Cluster;

/// <summary>One throw-away PostgreSQL server for the multi-process cluster tests; each test gets its own database.</summary>
[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
}
