using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Sip.Transport;
using Cluster.Edges.Tests.Sip.Transport.Support;

namespace Cluster.Edges.Tests.Sip.Transport;

/// <summary>
/// Interop with SIPp (Debian package <c>sip-tester</c>, installed by test.sh): SIPp's UAC scenarios under
/// <c>bench/sip/</c> send OPTIONS and REGISTER over UDP and TCP to our transport on loopback, where the transaction
/// layer and a tiny answering UAS reply 200. SIPp exits 0 only when every call got its expected response.
/// </summary>
public sealed class SippInteropTests
{
    private const int Calls = 20;

    [Theory]
    [InlineData("options_uac.xml", "u1")]
    [InlineData("options_uac.xml", "t1")]
    [InlineData("register_uac.xml", "u1")]
    [InlineData("register_uac.xml", "t1")]
    public async Task Sipp_scenario_gets_its_responses(string scenario, string transportMode)
    {
        var sipp = FindOnPath("sipp") ?? throw new InvalidOperationException(
            "sipp is not installed: install the Debian package sip-tester (test.sh does this) to run the SIPp interop tests");
        await using var uas = new AnsweringUas();
        var target = transportMode == "u1" ? uas.Transport.Udp : uas.Transport.Tcp;
        var scenarioPath = Path.Combine(FindRepoDirectory("bench/sip"), scenario);

        var psi = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     $"127.0.0.1:{target.Port}", "-sf", scenarioPath, "-t", transportMode, "-i", "127.0.0.1", "-p", FreePort().ToString(),
                     "-m", Calls.ToString(), "-r", "50", "-timeout", "30s", "-timeout_error", "-nostdin",
                 })
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Expected sipp ({scenario}, {transportMode}) to finish {Calls} calls within 60 s.");
        }
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"sipp exited with {process.ExitCode}; expected 0 (all {Calls} calls successful). Output:\n{Tail(output)}");
        Assert.Equal(Calls, uas.Requests);
        Assert.Equal(0, uas.Transport.Layer.Counters.LoopFaults);
        Assert.Equal(0, uas.Transactions.Counters.Faults);
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string FindRepoDirectory(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
