using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Tests.Sip.Core.Support;

namespace Cluster.Edges.Tests.Sip.Core;

/// <summary>
/// Interop with SIPp (Debian package <c>sip-tester</c>, installed by test.sh) against the whole SIP edge with the real
/// user domain in memory: REGISTER, SUBSCRIBE/NOTIFY and MESSAGE, each with digest authentication, over UDP and TCP.
/// The scenarios live in <c>bench/sip/</c>; SIPp exits 0 only when every call followed its scenario.
/// </summary>
public sealed class SippEdgeInteropTests
{
    private const int Calls = 10;

    [Theory]
    [InlineData("register_auth_uac.xml", "u1")]
    [InlineData("register_auth_uac.xml", "t1")]
    [InlineData("subscribe_auth_uac.xml", "u1")]
    [InlineData("subscribe_auth_uac.xml", "t1")]
    [InlineData("message_auth_uac.xml", "u1")]
    [InlineData("message_auth_uac.xml", "t1")]
    public async Task Sipp_scenario_completes_against_the_edge(string scenario, string transportMode)
    {
        var sipp = FindOnPath("sipp") ?? throw new InvalidOperationException(
            "sipp is not installed: install the Debian package sip-tester (test.sh does this) to run the SIPp interop tests");
        // SIPp 3.6 answers the first challenge and knows only MD5, so MD5 is offered first here (uc.sip.auth.algorithms).
        await using var harness = new EdgeHarness(s => s with { DigestAlgorithms = [SipDigestAlgorithm.Md5, SipDigestAlgorithm.Sha256] });
        var alice = await harness.CreateUserAsync("alice");
        var bob = await harness.CreateUserAsync("bob");
        await harness.Users.SendAsync(bob, new SetPresence(Availability.Busy, PresenceActivity.Meeting));
        var target = harness.EndPoint(transportMode == "u1" ? "UDP" : "TCP");

        var (exitCode, output) = await RunSippAsync(sipp, scenario, transportMode, target);

        Assert.True(exitCode == 0, $"sipp exited with {exitCode}; expected 0 (all {Calls} calls successful). Output:\n{Tail(output)}");
        Assert.Equal(0, harness.Edge.Counters.Faults);
        Assert.Equal(0, harness.Edge.Transactions.Counters.Faults);
        switch (scenario)
        {
            case "register_auth_uac.xml":
                Assert.NotEmpty(harness.Users.StateOf(alice).Bindings);
                break;
            case "subscribe_auth_uac.xml":
                Assert.Empty(harness.Users.StateOf(bob).Watchers);
                Assert.Equal(2 * Calls, harness.Edge.Counters.NotifiesSent);
                break;
            case "message_auth_uac.xml":
                Assert.Equal(Calls, harness.Users.StateOf(bob).Chat.Messages.Count(m => m.IsPendingDelivery));
                break;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunSippAsync(string sipp, string scenario, string transportMode, IPEndPoint target)
    {
        var errorFile = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.err");
        var psi = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     $"127.0.0.1:{target.Port}", "-sf", Path.Combine(FindRepoDirectory("bench/sip"), scenario), "-t", transportMode,
                     "-i", "127.0.0.1", "-p", FreePort().ToString(), "-s", "alice", "-au", "alice", "-ap", EdgeHarness.Password,
                     "-key", "domain", EdgeHarness.Domain, "-key", "to", "bob",
                     // SIPp puts sip:<remote ip:port> in the digest uri unless told; RFC 3261 §22.4 wants the Request-URI.
                     "-auth_uri", scenario.StartsWith("register", StringComparison.Ordinal) ? EdgeHarness.Domain : $"bob@{EdgeHarness.Domain}",
                     "-m", Calls.ToString(), "-r", "20", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", errorFile,
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
        var errors = File.Exists(errorFile) ? await File.ReadAllTextAsync(errorFile) : "";
        File.Delete(errorFile);
        // SIPp's own error log (unexpected messages, failed regexps) first: it says why a call failed.
        return (process.ExitCode, Tail(errors) + "\n" + await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

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
