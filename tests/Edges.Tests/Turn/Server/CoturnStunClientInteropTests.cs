using System.Diagnostics;
using System.Net;
using Cluster.Edges.Turn;
using Cluster.Edges.Turn.Server;

namespace Cluster.Edges.Tests.Turn.Server;

/// <summary>
/// Interop against a client nobody here wrote: coturn's <c>turnutils_stunclient</c> (Debian package coturn, installed
/// by test.sh) sends a Binding request to our UDP listener and must print the mapped address our server saw.
/// </summary>
public sealed class CoturnStunClientInteropTests
{
    private const string Client = "turnutils_stunclient";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Turnutils_stunclient_reports_its_own_loopback_address_as_the_mapped_address()
    {
        var path = FindOnPath(Client)
            ?? throw new InvalidOperationException($"{Client} is not installed; ./test.sh installs the Debian package 'coturn' that provides it.");
        var settings = new StunSettings { ListenAddress = IPAddress.Loopback, Port = 0 };
        var counters = new StunServerCounters();
        var recorder = new RecordingHandler(new StunBindingHandler(settings.Software));
        await using var listener = new StunUdpListener(settings, new StunDispatcher(settings, [recorder], counters));
        listener.Start();

        var start = new ProcessStartInfo(path, ["-p", listener.LocalEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Deadline))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Client} did not finish within {Deadline}; server counters: {counters}");
            }
        }

        var output = await stdout + await stderr;
        Assert.True(recorder.Clients.TryDequeue(out var seen), $"Our server saw no Binding request; counters: {counters}; {Client} said:\n{output}");
        Assert.True(process.ExitCode == 0, $"{Client} exited with {process.ExitCode}:\n{output}");
        Assert.Equal(IPAddress.Loopback, seen.Address);
        Assert.True(output.Contains($"UDP reflexive addr: 127.0.0.1:{seen.Port}", StringComparison.Ordinal),
            $"Expected {Client} to report the mapped address 127.0.0.1:{seen.Port}; it said:\n{output}");
        Assert.Equal(0, counters.DroppedMalformed);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
