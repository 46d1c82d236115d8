using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Core.Support;

/// <summary>
/// A small SIP user agent for edge tests, over a real UDP socket or TCP connection on loopback, built on our parser
/// and builder: it sends requests, waits for their final response (matched by Call-ID and CSeq), answers digest
/// challenges (MD5 or SHA-256, qop=auth) and answers requests the edge sends it (NOTIFY, MESSAGE) with a chosen status,
/// keeping them for the test to await.
/// </summary>
internal sealed class TestSipClient : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly Channel<SipMessage> responses = Channel.CreateUnbounded<SipMessage>();
    private readonly Channel<SipMessage> requests = Channel.CreateUnbounded<SipMessage>();
    private readonly Socket socket;
    private readonly IPEndPoint server;
    private readonly CancellationTokenSource stop = new();
    private readonly Task receiveLoop;
    private long cseq;

    private TestSipClient(string transport, Socket socket, IPEndPoint server)
    {
        Transport = transport;
        this.socket = socket;
        this.server = server;
        Local = (IPEndPoint)socket.LocalEndPoint!;
        receiveLoop = Task.Run(transport == "UDP" ? ReceiveDatagramsAsync : ReceiveStreamAsync);
    }

    public string Transport { get; }

    public IPEndPoint Local { get; }

    /// <summary>Status the client answers incoming requests with (200 unless a test wants a failure).</summary>
    public int AnswerStatus { get; set; } = 200;

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Digest algorithm the client picks from the challenges.</summary>
    public SipDigestAlgorithm Algorithm { get; set; } = SipDigestAlgorithm.Sha256;

    public static async Task<TestSipClient> ConnectAsync(string transport, IPEndPoint server)
    {
        if (transport == "UDP")
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return new TestSipClient(transport, udp, server);
        }

        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await tcp.ConnectAsync(server);
        return new TestSipClient(transport, tcp, server);
    }

    /// <summary>Our Contact URI for <paramref name="user"/>.</summary>
    public string ContactUri(string user) =>
        $"sip:{user}@{Local.Address}:{Local.Port}{(Transport == "TCP" ? ";transport=tcp" : "")}";

    /// <summary>A request with Via, Max-Forwards, From (with tag), To, Call-ID and CSeq filled in.</summary>
    public SipMessageBuilder NewRequest(string method, string requestUri, string from, string to, string? callId = null, long? cseqNumber = null,
        string? toTag = null, string? fromTag = null)
    {
        var number = cseqNumber ?? Interlocked.Increment(ref cseq);
        return SipMessageBuilder.Request(method, requestUri)
            .AddHeader("Via", $"SIP/2.0/{Transport} {Local.Address}:{Local.Port};branch=z9hG4bK{SipMessageBuilder.NewTag()};rport")
            .AddHeader("Max-Forwards", "70")
            .AddHeader("From", $"<{from}>;tag={fromTag ?? "c" + SipMessageBuilder.NewTag()}")
            .AddHeader("To", toTag is null ? $"<{to}>" : $"<{to}>;tag={toTag}")
            .AddHeader("Call-ID", callId ?? $"{SipMessageBuilder.NewTag()}@test")
            .AddHeader("CSeq", $"{number} {method}");
    }

    /// <summary>Sends a request and returns its final response.</summary>
    public async Task<SipMessage> SendAsync(SipMessageBuilder request)
    {
        var bytes = request.ToArray();
        var parsed = Parse(bytes) ?? throw new InvalidOperationException("the test built an unparseable request");
        await SendRawAsync(bytes);
        return await FinalResponseAsync(parsed.CallId, parsed.CSeq.Number, parsed.MethodText);
    }

    /// <summary>
    /// Sends a request built by <paramref name="build"/>; on 401 builds it again (same Call-ID, next CSeq) with an
    /// Authorization for the first challenge of <see cref="Algorithm"/> and returns the final response to that.
    /// </summary>
    public async Task<SipMessage> SendAuthenticatedAsync(Func<long, string?, SipMessageBuilder> build)
    {
        var first = Interlocked.Increment(ref cseq);
        var response = await SendAsync(build(first, null));
        if (response.StatusCode != 401) return response;
        var authorization = Authorize(response, build(first, null).ToArray());
        return await SendAsync(build(Interlocked.Increment(ref cseq), authorization));
    }

    /// <summary>The Authorization value answering the challenge in <paramref name="challenge"/> for the request bytes.</summary>
    public string Authorize(SipMessage challenge, byte[] request, string nc = "00000001", string? cnonce = null, string? password = null)
    {
        var token = Algorithm.Token();
        var header = challenge.Headers.Where(h => h.Kind == SipHeaderKind.WwwAuthenticate).Select(h => h.Value)
            .FirstOrDefault(v => v.Contains($"algorithm={token}", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Expected a {token} challenge in:\n{Encoding.UTF8.GetString(challenge.Raw.Span)}");
        var realm = Param(header, "realm");
        var nonce = Param(header, "nonce");
        var opaque = Param(header, "opaque");
        var message = Parse(request)!;
        var uri = Encoding.UTF8.GetString(message.RawRequestUri.Span);
        cnonce ??= SipMessageBuilder.NewTag();
        var ha1 = SipDigest.ComputeHa1(Algorithm, Username, realm, password ?? Password);
        var response = SipDigest.ComputeResponse(Algorithm, ha1, nonce, nc, cnonce, "auth", message.MethodText, uri);
        return $"Digest username=\"{Username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", " +
               $"algorithm={token}, qop=auth, nc={nc}, cnonce=\"{cnonce}\", opaque=\"{opaque}\"";
    }

    /// <summary>The next request the edge sent us (already answered with <see cref="AnswerStatus"/>).</summary>
    public async Task<SipMessage> NextRequestAsync(string expectation)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            return await requests.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Expected {expectation} within {Deadline.TotalSeconds} s.");
        }
    }

    /// <summary>True when a request is already waiting (for "nothing was sent" checks after a known later event).</summary>
    public bool TryTakeRequest(out SipMessage? request) => requests.Reader.TryRead(out request);

    public async Task SendRawAsync(byte[] bytes)
    {
        if (Transport == "UDP") await socket.SendToAsync(bytes, server);
        else await socket.SendAsync(bytes);
    }

    private async Task<SipMessage> FinalResponseAsync(string callId, uint number, string method)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            while (true)
            {
                var response = await responses.Reader.ReadAsync(timeout.Token);
                if (response.StatusCode >= 200 && response.CallId == callId && response.CSeq.Number == number && response.CSeq.MethodToken == method)
                    return response;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Expected a final response to {method} (Call-ID {callId}, CSeq {number}) within {Deadline.TotalSeconds} s.");
        }
    }

    private async Task OnMessageAsync(SipMessage message)
    {
        if (message.IsResponse)
        {
            responses.Writer.TryWrite(message);
            return;
        }

        var answer = SipMessageBuilder.CreateResponse(message, AnswerStatus, AnswerStatus < 300 ? "OK" : "Refused", "uas" + SipMessageBuilder.NewTag());
        requests.Writer.TryWrite(message);
        var bytes = answer.ToArray();
        if (Transport == "UDP")
        {
            var via = message.TopVia;
            var port = via.RPort ?? via.Port ?? 5060;
            await socket.SendToAsync(bytes, new IPEndPoint(IPAddress.Parse(via.Received ?? via.Host), port));
        }
        else await socket.SendAsync(bytes);
    }

    private async Task ReceiveDatagramsAsync()
    {
        var buffer = new byte[65536];
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            if (Parse(buffer.AsSpan(0, result.ReceivedBytes).ToArray()) is { } message) await OnMessageAsync(message);
        }
    }

    private async Task ReceiveStreamAsync()
    {
        var buffer = new byte[65536];
        var filled = 0;
        while (!stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer.AsMemory(filled), stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            if (read == 0) return;
            filled += read;
            while (filled > 0)
            {
                var result = SipMessageParser.TryParseStream(buffer.AsSpan(0, filled), SipParserOptions.Default, out var message);
                if (result.Status == SipParseStatus.NeedMoreData) break;
                if (result.Consumed == 0) throw new InvalidOperationException($"stream parse made no progress: {result.Status}");
                Buffer.BlockCopy(buffer, result.Consumed, buffer, 0, filled - result.Consumed);
                filled -= result.Consumed;
                if (result.Status == SipParseStatus.Complete) await OnMessageAsync(message!);
            }
        }
    }

    private static SipMessage? Parse(byte[] bytes) =>
        SipMessageParser.ParseDatagram(bytes, SipParserOptions.Default, out var message).Status == SipParseStatus.Complete ? message : null;

    private static string Param(string header, string name)
    {
        var match = Regex.Match(header, $@"\b{Regex.Escape(name)}=(?:""([^""]*)""|([^,\s]+))", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value
            : throw new InvalidOperationException($"Expected parameter {name} in challenge '{header}'.");
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        socket.Dispose();
        try
        {
            await receiveLoop;
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        stop.Dispose();
    }
}
