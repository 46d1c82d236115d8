using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Media;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Bench.Media;

/// <summary>
/// <c>media-load --calls N --seconds S</c>: anchors N calls on one node's media edge (real slot manager, real SDP
/// rewriting, real relays on loopback), then plays G.711-like RTP through every call in both directions (50 packets
/// per second per direction, 172-byte packets: 12-byte RTP header + 160 bytes = 20 ms of PCMU) and counts what
/// arrives. Reports loss, relayed packet rate, CPU and memory per anchored call.
/// </summary>
internal static class MediaLoadCommand
{
    private const int PacketSize = 172;
    private const int PacketsPerSecond = 50;

    public static int Run(string[] args)
    {
        var calls = BenchArgs.Int(args, "--calls", 100);
        var seconds = BenchArgs.Int(args, "--seconds", 10);
        var basePort = BenchArgs.Int(args, "--base-port", 20000);
        return RunAsync(calls, seconds, basePort).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int calls, int seconds, int basePort)
    {
        var settings = MediaSettings.Default with
        {
            PortRange = new Cluster.Edges.Media.Ports.MediaPortRange(basePort, basePort + calls * 4 + 399), // 100 spare slots for busy ports
            BindAddress = IPAddress.Loopback,
            SilenceTimeout = TimeSpan.FromMinutes(10),
        };
        await using var system = ActorSystem.Create("media-load");
        var edge = MediaEdge.Start(system, settings, "bench");

        // The phones: two sockets per call, opened before the baseline so that only the anchor's cost is measured.
        var phones = new Phone[calls * 2];
        for (var i = 0; i < phones.Length; i++)
            phones[i] = new Phone();

        var before = Measure();
        for (var c = 0; c < calls; c++)
        {
            var callId = $"load-{c}";
            var reservation = await edge.TryReserveAsync(callId, "bench");
            if (!reservation.Succeeded)
            {
                Console.Error.WriteLine($"reservation {c} failed: {reservation.Failure!.Message}");
                return 1;
            }
            var alice = phones[c * 2];
            var bob = phones[c * 2 + 1];
            var offer = await edge.RewriteOfferAsync(callId, MediaLeg.A, Sdp("alice", alice.Port));
            var answer = await edge.RewriteAnswerAsync(callId, MediaLeg.B, Sdp("bob", bob.Port));
            alice.Target = new IPEndPoint(IPAddress.Loopback, MediaPort(answer));
            bob.Target = new IPEndPoint(IPAddress.Loopback, MediaPort(offer));
        }
        var anchored = Measure();

        using var stop = new CancellationTokenSource();
        var receivers = phones.Select(p => Task.Run(() => p.ReceiveAsync(stop.Token))).ToArray();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var ticks = seconds * PacketsPerSecond;
        var late = 0;
        using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / PacketsPerSecond)))
        {
            var packet = new byte[PacketSize];
            packet[0] = 0x80;
            for (var tick = 0; tick < ticks; tick++)
            {
                if (!await timer.WaitForNextTickAsync())
                    break;
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)tick);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(tick * 160));
                for (var i = 0; i < phones.Length; i++)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)i + 1);
                    phones[i].Send(packet);
                }
                if (clock.Elapsed.TotalMilliseconds > (tick + 2) * 1000.0 / PacketsPerSecond)
                    late++;
            }
        }
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        // Let packets in flight arrive: stop once the received count has been still for 200 ms (at most 3 s).
        long last = -1;
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(3))
        {
            var now = phones.Sum(p => p.Received);
            if (now == last)
                break;
            last = now;
            await Task.Delay(200);
        }
        stop.Cancel();
        foreach (var p in phones)
            p.Dispose();
        await Task.WhenAll(receivers);

        var sent = phones.Sum(p => p.Sent);
        var received = phones.Sum(p => p.Received);
        var loss = sent == 0 ? 0 : (sent - received) * 100.0 / sent;
        var usage = await edge.GetUsageAsync(includeSlots: false);
        var perCallManaged = (anchored.Managed - before.Managed) / (double)calls;
        var perCallWorkingSet = (anchored.WorkingSet - before.WorkingSet) / (double)calls;
        var pass = loss < 0.1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            media-load: {calls} calls x 2 directions x {PacketsPerSecond} pkt/s x {PacketSize} B for {elapsed.TotalSeconds:0.0} s (slots used {usage.Used}/{usage.Capacity})
              sent {sent}, received {received}, loss {loss:0.000} % ({(pass ? "PASS" : "FAIL")} < 0.1 %), late ticks {late}/{ticks}
              relayed {received / elapsed.TotalSeconds:0} pkt/s, process CPU {cpu.TotalSeconds / elapsed.TotalSeconds * 100:0} % of one core (anchor + load generator)
              memory per anchored call: {perCallManaged / 1024:0.0} KiB managed heap, {perCallWorkingSet / 1024:0.0} KiB working set
            """));
        return pass ? 0 : 3;
    }

    private static (long Managed, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static string Sdp(string user, int port) =>
        $"v=0\r\no={user} 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";

    private static int MediaPort(string sdp)
    {
        var line = sdp.Split("\r\n").First(l => l.StartsWith("m=audio ", StringComparison.Ordinal));
        return int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private sealed class Phone : IDisposable
    {
        private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private SocketAddress? target;
        private long received;

        public Phone()
        {
            socket.ReceiveBufferSize = 256 * 1024;
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;

        public IPEndPoint Target { set => target = value.Serialize(); }

        public long Sent { get; private set; }

        public long Received => Interlocked.Read(ref received);

        public void Send(byte[] packet)
        {
            try
            {
                socket.SendTo(packet, SocketFlags.None, target!);
                Sent++;
            }
            catch (SocketException)
            {
                Sent++; // counted as sent and (since it never arrives) as lost
            }
        }

        public async Task ReceiveAsync(CancellationToken token)
        {
            var buffer = new byte[2048];
            var from = new SocketAddress(AddressFamily.InterNetwork);
            try
            {
                while (true)
                {
                    await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, token);
                    Interlocked.Increment(ref received);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
