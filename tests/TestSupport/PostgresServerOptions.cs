namespace Cluster.TestSupport;

/// <summary>How a <see cref="PostgresServer"/> is configured.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>
    /// Whether commits are flushed to disk (<c>fsync</c>, <c>synchronous_commit</c>). Off for tests (speed, the data
    /// is thrown away); on for benchmarks so figures mean what they would in production.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary><c>max_connections</c> of the server.</summary>
    public int MaxConnections { get; init; } = 200;

    /// <summary>Longest wait for initdb and for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public static PostgresServerOptions ForTests { get; } = new();

    public static PostgresServerOptions ForBenchmarks { get; } = new() { Durable = true };
}
