using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Tests.Turn.Allocations;

/// <summary>
/// Interop with a client nobody here wrote: coturn's <c>turnutils_uclient</c> (Debian package coturn, installed by
/// test.sh) allocates on our server with TURN REST credentials (<c>-W secret</c>), binds channels or uses Send
/// indications, and relays packets between its own clients (<c>-y</c>) or to <c>turnutils_peer</c>. Loopback peers
/// need the allow-list entry the fixture configures. It prints "Total lost packets N"; we require 0.
/// <c>-R</c> (overwrite random bytes in about one sent buffer in ten, requests included) is not run here: its
/// outcome is chance and it stalls against coturn's own server as often as against ours (docs/protocols/stun-turn.md).
/// </summary>
public sealed class CoturnUclientInteropTests
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string[]> ClientToClientModes => new()
    {
        { "udp channels", [] },
        { "tcp channels", ["-t"] },
        { "udp send indications", ["-s"] },
        { "negative tests", ["-N"] },
        { "dont-fragment", ["-g"] },
    };

    [Theory]
    [MemberData(nameof(ClientToClientModes))]
    public async Task Uclient_relays_between_its_clients_without_loss(string mode, string[] flags)
    {
        await using var fixture = TurnServerFixture.Start(s => s with { RelayPortMin = 30000, RelayPortMax = 34999 });
        var output = await RunAsync("turnutils_uclient",
            [.. flags, "-y", "-W", TurnServerFixture.Secret, "-p", Port(fixture.Udp), "-n", "40", "-m", "4", "-l", "172", "-z", "5", "127.0.0.1"]);

        AssertNoLoss(output, mode);
        Assert.True(fixture.Server.Counters.AllocationsCreated >= 4, $"{mode}: expected uclient's allocations on our server; counters {fixture.Server.Counters.AllocationsCreated}");
        Assert.True(fixture.Server.Counters.PacketsToPeer >= 160, $"{mode}: expected at least 160 relayed packets, got {fixture.Server.Counters.PacketsToPeer}\n{output}");
    }

    [Fact]
    public async Task Uclient_relays_to_turnutils_peer_on_loopback_over_udp_and_tcp()
    {
        await using var fixture = TurnServerFixture.Start(s => s with { RelayPortMin = 35000, RelayPortMax = 36999 });
        var peerPort = FreeUdpPort();
        using var peer = Start("turnutils_peer", ["-L", "127.0.0.1", "-p", peerPort.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            foreach (var transport in new[] { Array.Empty<string>(), ["-t"] })
            {
                var output = await RunAsync("turnutils_uclient",
                    [.. transport, "-W", TurnServerFixture.Secret, "-p", Port(fixture.Udp), "-e", "127.0.0.1", "-r", peerPort.ToString(CultureInfo.InvariantCulture),
                        "-n", "40", "-m", "2", "-l", "120", "-z", "5", "127.0.0.1"]);
                AssertNoLoss(output, transport.Length == 0 ? "udp to peer" : "tcp to peer");
            }
        }
        finally
        {
            peer.Kill(entireProcessTree: true);
        }
    }

    private static void AssertNoLoss(string output, string mode)
    {
        Assert.True(output.Contains("Total lost packets 0 (0.000000%)", StringComparison.Ordinal),
            $"{mode}: expected turnutils_uclient to report no lost packets; it said:\n{output}");
        Assert.DoesNotContain("error 4", output, StringComparison.Ordinal);
    }

    private static string Port(IPEndPoint endPoint) => endPoint.Port.ToString(CultureInfo.InvariantCulture);

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static Process Start(string program, string[] args)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{program} is not installed; ./test.sh installs the Debian package 'coturn' that provides it.");
        return Process.Start(new ProcessStartInfo(path, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    }

    private static async Task<string> RunAsync(string program, string[] args)
    {
        using var process = Start(program, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {ProcessDeadline}:\n{await stdout}{await stderr}");
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
