using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cluster.Actors.Calls;
using Cluster.Edges.Sip.Auth;

namespace Cluster.Edges.Tests.Sip.Calls;

/// <summary>
/// Calls between two SIPp instances through the SIP edge and real call entities: SIPp registers as bob from a port,
/// then answers calls there (<c>bench/sip/call_uas.xml</c>) while another SIPp calls bob as alice with digest
/// authentication (<c>bench/sip/call_auth_uac.xml</c>). Both exit 0 only when every call followed its scenario.
/// </summary>
public sealed class SippCallInteropTests
{
    private const int Calls = 5;

    [Fact]
    public async Task Sipp_calls_between_two_registered_users_all_complete()
    {
        var sipp = FindOnPath("sipp") ?? throw new InvalidOperationException(
            "sipp is not installed: install the Debian package sip-tester (test.sh does this) to run the SIPp interop tests");
        // SIPp 3.6 answers only MD5 challenges, so MD5 is offered first (uc.sip.auth.algorithms).
        await using var h = await CallEdgeHarness.StartAsync(configure: s => s with { DigestAlgorithms = [SipDigestAlgorithm.Md5, SipDigestAlgorithm.Sha256] });
        await h.CreateUserAsync("alice");
        await h.CreateUserAsync("bob");
        var target = $"127.0.0.1:{h.EndPoint.Port}";
        var bobPort = FreePort();

        var register = await RunAsync(sipp, [target, "-sf", Scenario("register_auth_uac.xml"), "-t", "u1", "-i", "127.0.0.1", "-p", bobPort.ToString(),
            "-s", "bob", "-au", "bob", "-ap", CallEdgeHarness.Password, "-key", "domain", CallEdgeHarness.Domain, "-auth_uri", CallEdgeHarness.Domain,
            "-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin"], "registering bob");
        Assert.True(register.ExitCode == 0, $"sipp (register bob) exited with {register.ExitCode}; expected 0. Output:\n{register.Output}");

        var uas = StartAsync(sipp, ["-sf", Scenario("call_uas.xml"), "-t", "u1", "-i", "127.0.0.1", "-p", bobPort.ToString(),
            "-m", Calls.ToString(), "-timeout", "40s", "-timeout_error", "-nostdin"], "bob answering calls");
        var uac = await RunAsync(sipp, [target, "-sf", Scenario("call_auth_uac.xml"), "-t", "u1", "-i", "127.0.0.1", "-p", FreePort().ToString(),
            "-s", "alice", "-au", "alice", "-ap", CallEdgeHarness.Password, "-key", "domain", CallEdgeHarness.Domain, "-key", "to", "bob",
            "-auth_uri", $"bob@{CallEdgeHarness.Domain}", "-m", Calls.ToString(), "-r", "5", "-timeout", "40s", "-timeout_error", "-nostdin"],
            "alice calling bob");
        var callee = await uas;

        Assert.True(uac.ExitCode == 0, $"sipp (alice calling) exited with {uac.ExitCode}; expected 0 with 0 failed calls. Output:\n{uac.Output}");
        Assert.True(callee.ExitCode == 0, $"sipp (bob answering) exited with {callee.ExitCode}; expected 0. Output:\n{callee.Output}");
        Assert.Equal(0, h.Edge.Counters.Faults);
        // Per call at least: INVITE to bob, 180 and 200 to alice, ACK to bob, BYE to bob, 200 to alice's BYE.
        Assert.True(h.Calls.Sinks.Delivered >= 6 * Calls, $"expected at least {6 * Calls} call effects sent by the edge, got {h.Calls.Sinks.Delivered}");
        Assert.Equal(0, h.Calls.Sinks.Unclaimed);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string sipp, string[] args, string what) => StartAsync(sipp, args, what);

    private static async Task<(int ExitCode, string Output)> StartAsync(string sipp, string[] args, string what)
    {
        var errorFile = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.err");
        var psi = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Concat(["-trace_err", "-error_file", errorFile])) psi.ArgumentList.Add(arg);
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
            throw new TimeoutException($"Expected sipp ({what}) to finish within 60 s.");
        }

        var errors = File.Exists(errorFile) ? await File.ReadAllTextAsync(errorFile) : "";
        File.Delete(errorFile);
        return (process.ExitCode, Tail(errors) + "\n" + Tail(await stdout + await stderr));
    }

    private static string Scenario(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "sip", name);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException($"bench/sip/{name} not found above {AppContext.BaseDirectory}");
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}
