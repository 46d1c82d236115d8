using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace Cluster.TestSupport;

/// <summary>
/// A real, throw-away PostgreSQL server for tests and benchmarks: its own data directory under the temp folder, its
/// own free loopback port, trust authentication for the <c>postgres</c> superuser, stopped and deleted on dispose.
/// Tests run against the database the cluster runs on, not a fake.
/// </summary>
/// <remarks>
/// Use it as an xunit collection fixture: declare in the test project
/// <c>[CollectionDefinition(PostgresServer.Collection)] public sealed class PostgresCollection : ICollectionFixture&lt;PostgresServer&gt; { }</c>
/// and mark classes <c>[Collection(PostgresServer.Collection)]</c>; each class then calls
/// <see cref="CreateDatabaseAsync"/> for a database of its own. Several fixtures (or test processes) each start their
/// own server on their own port. When the tests run as root, initdb and pg_ctl run as the <c>postgres</c> OS user
/// via <c>runuser</c>, because PostgreSQL refuses to run as root.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Name of the xunit collection sharing one server.</summary>
    public const string Collection = "PostgreSQL server";

    private const string OsUser = "postgres";
    private readonly PostgresServerOptions options;
    private string? binDirectory;
    private bool asRoot;
    private bool started;
    private int databaseCounter;

    public PostgresServer() : this(PostgresServerOptions.ForTests)
    {
    }

    private PostgresServer(PostgresServerOptions options)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        DataDirectory = Path.Combine(Path.GetTempPath(), "uc-pg-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>The server's data directory (also holds its Unix socket and its log file <c>log</c>).</summary>
    public string DataDirectory { get; }

    public int Port { get; private set; }

    /// <summary>Connection string of the <c>postgres</c> database as superuser.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>Starts a server with <paramref name="options"/>; the caller disposes it.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null)
    {
        var server = new PostgresServer(options ?? PostgresServerOptions.ForTests);
        try
        {
            await server.InitializeAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = OsUser,
        Database = database,
        Pooling = true,
        MaxPoolSize = 50,
        Timeout = 30,
    }.ToString();

    /// <summary>Creates a fresh database (named after <paramref name="prefix"/>) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        if (!started) throw new InvalidOperationException("the PostgreSQL server is not started");
        var clean = new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        var name = $"{(clean.Length == 0 ? "test" : clean[..Math.Min(clean.Length, 40)])}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    public async Task InitializeAsync()
    {
        binDirectory = FindBinDirectory();
        asRoot = Environment.UserName == "root";
        Directory.CreateDirectory(DataDirectory);
        if (asRoot) await RunAsync("chown", new[] { "-R", $"{OsUser}:{OsUser}", DataDirectory }, asPostgres: false).ConfigureAwait(false);
        await RunAsync(Path.Combine(binDirectory, "initdb"),
            new[] { "-D", DataDirectory, "-A", "trust", "-U", OsUser, "-E", "UTF8", "--locale=C", "--no-sync" }, asPostgres: true)
            .ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = FreePort();
            try
            {
                await RunAsync(Path.Combine(binDirectory, "pg_ctl"), new[]
                {
                    "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "log"), "-w", "-t", ((int)options.StartTimeout.TotalSeconds).ToString(),
                    "-o", ServerOptions(), "start",
                }, asPostgres: true).ConfigureAwait(false);
                started = true;
                return;
            }
            catch (InvalidOperationException ex) when (LogMentionsPortInUse())
            {
                last = ex; // another process took the port between probing and binding: try another one
            }
        }
        throw new InvalidOperationException($"PostgreSQL did not start after 5 port attempts; log:\n{ReadLog()}", last);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        if (started && binDirectory is not null)
        {
            started = false;
            try
            {
                await RunAsync(Path.Combine(binDirectory, "pg_ctl"), new[] { "-D", DataDirectory, "-m", "fast", "-w", "stop" }, asPostgres: true)
                    .ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the directory is removed below either way.
            }
        }
        try
        {
            if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    private string ServerOptions()
    {
        var o = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c max_connections={options.MaxConnections}";
        return options.Durable ? o : o + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    }

    private void StopOnExit(object? sender, EventArgs e)
    {
        if (!started || binDirectory is null) return;
        try
        {
            RunAsync(Path.Combine(binDirectory, "pg_ctl"), new[] { "-D", DataDirectory, "-m", "immediate", "stop" }, asPostgres: true)
                .GetAwaiter().GetResult();
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at process exit.
        }
    }

    private static string FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("UC_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "initdb"))) return fromEnv;
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .ToList()
            : new List<string>();
        if (candidates.Count == 0)
            throw new InvalidOperationException(
                "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb found (or set UC_PG_BIN). " +
                "Install it with `apt-get install postgresql` (test.sh does this).");
        return Path.Combine(candidates[0], "bin");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool LogMentionsPortInUse()
    {
        var log = ReadLog();
        return log.Contains("could not bind", StringComparison.OrdinalIgnoreCase) ||
               log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
    }

    private string ReadLog()
    {
        var path = Path.Combine(DataDirectory, "log");
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "(no log file)";
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && asRoot)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", OsUser, "--", program }) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(options.StartTimeout + TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within {options.StartTimeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{info.FileName} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}\n" +
                $"stdout: {await stdout.ConfigureAwait(false)}\nstderr: {await stderr.ConfigureAwait(false)}");
    }
}
