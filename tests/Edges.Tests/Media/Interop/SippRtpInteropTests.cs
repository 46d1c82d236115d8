using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Edges.Media;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Tests.Media.Support;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Tests.Media.Interop;

/// <summary>
/// Interop with SIPp (Debian package <c>sip-tester</c>): SIPp's RTP needs a SIP peer, so the test plays a tiny UAS
/// (SIP parsed with our parser, answered by hand) that anchors the call on a real media edge. SIPp streams a G.711
/// capture (<c>play_pcap_audio</c>) to the anchored port; a fake callee receives it through the slot and sends its
/// own RTP back, which reaches SIPp's media port and returns thanks to <c>-rtp_echo</c>: media crosses the anchor
/// in both directions.
/// </summary>
public sealed class SippRtpInteropTests
{
    private const uint CalleeSsrc = 0xB0B0B0B0;

    [Fact]
    public async Task Sipp_rtp_passes_through_an_anchored_slot_both_ways()
    {
        var sipp = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "sipp")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("sipp is not installed: install the Debian package sip-tester (test.sh does this)");
        Assert.True(File.Exists("/usr/share/sip-tester/g711a.pcap"), "the sip-tester package's g711a.pcap is missing");

        await using var system = ActorSystem.Create("media-sipp");
        var edge = MediaEdge.Start(system, MediaSettings.Default with
        {
            PortRange = TestRelays.RandomRange(slots: 4),
            BindAddress = IPAddress.Loopback,
        }, "node-1");
        using var sip = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sip.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var callee = new UdpEndpoint();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var uas = Task.Run(() => RunUasAsync(sip, edge, callee, stop.Token));

        var media = FreeUdpPort();
        var scenario = Path.Combine(AppContext.BaseDirectory, "Media", "Interop", "sipp_rtp_uac.xml");
        var psi = new ProcessStartInfo(sipp) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     $"127.0.0.1:{((IPEndPoint)sip.LocalEndPoint!).Port}", "-sf", scenario, "-t", "u1", "-i", "127.0.0.1", "-p", FreeUdpPort().ToString(),
                     "-mi", "127.0.0.1", "-mp", media.ToString(), "-rtp_echo", "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin",
                 })
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("expected sipp to finish its one call within 60 s");
        }
        var text = string.Concat(await output);
        Assert.True(process.ExitCode == 0, $"sipp exited with {process.ExitCode}; expected 0. Output:\n{(text.Length > 4000 ? text[^4000..] : text)}");

        var result = await uas;
        Assert.True(result.FromSipp >= 50, $"expected at least 50 PCMA packets from SIPp at the callee, got {result.FromSipp}");
        Assert.True(result.EchoedBack >= 10, $"expected the callee's RTP to reach SIPp and come back (echo) at least 10 times, got {result.EchoedBack}");
        Assert.Equal(MediaReleaseReason.CallEnded, result.Released!.Reason);
        Assert.True(result.Released.Statistics.LegA.RtpPacketsReceived >= 50);
    }

    private sealed record UasResult(int FromSipp, int EchoedBack, MediaSlotReleased? Released);

    /// <summary>Answers INVITE (anchoring its SDP), ACK and BYE of one call; meanwhile plays the callee.</summary>
    private static async Task<UasResult> RunUasAsync(Socket sip, MediaEdge edge, UdpEndpoint callee, CancellationToken token)
    {
        var buffer = new byte[65535];
        int fromSipp = 0, echoed = 0;
        Task? calleeTalk = null;
        Task? calleeListen = null;
        using var calleeStop = CancellationTokenSource.CreateLinkedTokenSource(token);
        while (true)
        {
            var received = await sip.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), token);
            var result = SipMessageParser.ParseDatagram(buffer.AsSpan(0, received.ReceivedBytes), SipParserOptions.Default, out var message);
            if (!result.IsComplete || message is null || !message.IsRequest)
                continue;
            var from = received.RemoteEndPoint;
            switch (message.Method)
            {
                case SipMethod.Invite:
                    var reservation = await edge.TryReserveAsync(message.CallId, "node-1", token);
                    if (!reservation.Succeeded)
                    {
                        await sip.SendToAsync(Response(message, $"503 Service Unavailable\r\nRetry-After: {reservation.Failure!.RetryAfterSeconds}", null), from, token);
                        continue;
                    }
                    // Leg A = SIPp. Its offer, rewritten, is what the callee gets; the callee answers from its socket.
                    var forCallee = await edge.RewriteOfferAsync(message.CallId, MediaLeg.A, message.BodyText, token);
                    var slotPortForCallee = int.Parse(forCallee.Split("\r\n").First(l => l.StartsWith("m=audio ")).Split(' ')[1]);
                    var calleeAnswer = $"v=0\r\no=callee 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {callee.Port} RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=sendrecv\r\n";
                    var forSipp = await edge.RewriteAnswerAsync(message.CallId, MediaLeg.B, calleeAnswer, token);
                    await sip.SendToAsync(Response(message, "200 OK", forSipp), from, token);
                    var slot = new IPEndPoint(IPAddress.Loopback, slotPortForCallee);
                    calleeListen ??= Task.Run(async () =>
                    {
                        try
                        {
                            while (true)
                            {
                                var (packet, _) = await callee.ReceiveAsync("RTP at the callee", TimeSpan.FromSeconds(30));
                                if (BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8)) == CalleeSsrc)
                                    Interlocked.Increment(ref echoed);
                                else if ((packet[1] & 0x7F) == 8)
                                    Interlocked.Increment(ref fromSipp);
                                calleeStop.Token.ThrowIfCancellationRequested();
                            }
                        }
                        catch (Exception e) when (e is OperationCanceledException or TimeoutException or ObjectDisposedException or SocketException)
                        {
                        }
                    });
                    calleeTalk ??= Task.Run(async () =>
                    {
                        // The callee speaks PCMA every 20 ms, like a phone (this paces traffic; it synchronises nothing).
                        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
                        for (ushort seq = 1; seq <= 100 && await timer.WaitForNextTickAsync(calleeStop.Token); seq++)
                            callee.Send(RtpPackets.Rtp(CalleeSsrc, seq, (uint)(seq * 160), payloadType: 8), slot);
                    }, calleeStop.Token);
                    break;
                case SipMethod.Bye:
                    await sip.SendToAsync(Response(message, "200 OK", null), from, token);
                    var released = await edge.ReleaseAsync(message.CallId, token);
                    await calleeStop.CancelAsync();
                    if (calleeTalk is not null)
                        await calleeTalk.ContinueWith(_ => { }, TaskScheduler.Default);
                    return new UasResult(Volatile.Read(ref fromSipp), Volatile.Read(ref echoed), released);
            }
        }
    }

    private static byte[] Response(SipMessage request, string status, string? sdp)
    {
        var text = new StringBuilder();
        text.Append("SIP/2.0 ").Append(status).Append("\r\n");
        foreach (var via in request.GetListValues(SipHeaderKind.Via))
            text.Append("Via: ").Append(via).Append("\r\n");
        text.Append("From: ").Append(request.GetHeaderValue(SipHeaderKind.From)).Append("\r\n");
        var to = request.GetHeaderValue(SipHeaderKind.To);
        text.Append("To: ").Append(to).Append(request.ToTag is null ? ";tag=anchor-uas" : "").Append("\r\n");
        text.Append("Call-ID: ").Append(request.CallId).Append("\r\n");
        text.Append("CSeq: ").Append(request.GetHeaderValue(SipHeaderKind.CSeq)).Append("\r\n");
        text.Append("Contact: <sip:uas@127.0.0.1>\r\n");
        var body = sdp ?? "";
        if (sdp is not null)
            text.Append("Content-Type: application/sdp\r\n");
        text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n\r\n").Append(body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
