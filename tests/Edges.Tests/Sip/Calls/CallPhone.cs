using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Calls;

/// <summary>
/// A softphone for call tests over a real UDP socket on loopback: registers with digest, places calls (answering the
/// INVITE's 401), and lets the test answer what the edge sends (INVITE, ACK, BYE) step by step. Retransmissions of a
/// request (same branch and method) and of a response (same Call-ID, CSeq, status, To-tag) are kept once.
/// </summary>
internal sealed class CallPhone : IAsyncDisposable
{
    public const string Sdp = "v=0\r\no={0} 1 {1} IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na={3}\r\n";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint server;
    private readonly List<SipMessage> inbox = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly ConcurrentDictionary<string, byte> seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long cseq;

    public CallPhone(string user, string domain, string password, IPEndPoint server)
    {
        User = user;
        Domain = domain;
        Password = password;
        this.server = server;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Local = (IPEndPoint)socket.LocalEndPoint!;
        loop = Task.Run(ReceiveAsync);
    }

    public string User { get; }

    public string Domain { get; }

    public string Password { get; }

    public IPEndPoint Local { get; }

    public string Aor => $"sip:{User}@{Domain}";

    public string Contact => $"sip:{User}@{Local.Address}:{Local.Port}";

    public static string Body(string origin, int version, int port, string direction = "sendrecv") =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Sdp, origin, version, port, direction);

    public long NextCSeq() => Interlocked.Increment(ref cseq);

    /// <summary>A request from this phone; Via with a fresh branch.</summary>
    public SipMessageBuilder Request(string method, string requestUri, string to, string callId, long number, string fromTag, string? toTag = null)
    {
        var b = SipMessageBuilder.Request(method, requestUri)
            .AddHeader("Via", $"SIP/2.0/UDP {Local.Address}:{Local.Port};branch=z9hG4bK{SipMessageBuilder.NewTag()};rport")
            .AddHeader("Max-Forwards", "70")
            .AddHeader("From", $"<{Aor}>;tag={fromTag}")
            .AddHeader("To", toTag is null ? $"<{to}>" : $"<{to}>;tag={toTag}")
            .AddHeader("Call-ID", callId)
            .AddHeader("CSeq", $"{number} {method}");
        if (method is not ("ACK" or "BYE" or "CANCEL")) b.AddHeader("Contact", $"<{Contact}>");
        return b;
    }

    public async Task<SipMessage> RegisterAsync()
    {
        var callId = SipMessageBuilder.NewTag() + "@reg";
        var tag = SipMessageBuilder.NewTag();
        SipMessageBuilder Build(long n) => Request("REGISTER", $"sip:{Domain}", Aor, callId, n, tag).AddHeader("Expires", "600");
        var response = await SendAndWaitFinalAsync(Build(NextCSeq()), "REGISTER");
        if (response.StatusCode == 401)
        {
            var retry = Build(NextCSeq());
            response = await SendAndWaitFinalAsync(retry.AddHeader("Authorization", Authorize(response, retry.ToArray())), "REGISTER");
        }

        Assert.Equal(200, response.StatusCode);
        return response;
    }

    /// <summary>
    /// Sends an INVITE to <paramref name="callee"/> answering the digest challenge; returns the authenticated INVITE
    /// as sent (its CSeq and branch name the transaction).
    /// </summary>
    public async Task<SipMessage> InviteAsync(string callee, string callId, string fromTag, string sdp)
    {
        SipMessageBuilder Build(long n) => Request("INVITE", callee, callee, callId, n, fromTag)
            .AddHeader("Allow", "INVITE, ACK, BYE, CANCEL, UPDATE").SetBody("application/sdp", Encoding.UTF8.GetBytes(sdp));
        var first = Build(NextCSeq());
        await SendAsync(first);
        var challenge = await ResponseAsync(m => m.CallId == callId && m.StatusCode == 401, "401 to the INVITE");
        // RFC 3261 §17.1.1.3: the ACK for a non-2xx is sent by the transaction (same branch).
        await SendAsync(AckForNon2xx(Parse(first.ToArray()), challenge));
        var second = Build(NextCSeq());
        second.AddHeader("Authorization", Authorize(challenge, second.ToArray()));
        await SendAsync(second);
        return Parse(second.ToArray());
    }

    public SipMessageBuilder AckForNon2xx(SipMessage invite, SipMessage response)
    {
        var b = SipMessageBuilder.Request("ACK", Encoding.UTF8.GetString(invite.RawRequestUri.Span))
            .AddHeader("Via", invite.GetHeaderValue(SipHeaderKind.Via)!)
            .AddHeader("Max-Forwards", "70")
            .AddHeader("From", invite.GetHeaderValue(SipHeaderKind.From)!)
            .AddHeader("To", response.GetHeaderValue(SipHeaderKind.To)!)
            .AddHeader("Call-ID", invite.CallId)
            .AddHeader("CSeq", $"{invite.CSeq.Number} ACK");
        return b;
    }

    /// <summary>RFC 3261 §9.1: CANCEL with the INVITE's Request-URI, top Via (same branch), From, To, Call-ID and CSeq number.</summary>
    public SipMessageBuilder CancelFor(SipMessage invite) =>
        SipMessageBuilder.Request("CANCEL", Encoding.UTF8.GetString(invite.RawRequestUri.Span))
            .AddHeader("Via", invite.GetHeaderValue(SipHeaderKind.Via)!)
            .AddHeader("Max-Forwards", "70")
            .AddHeader("From", invite.GetHeaderValue(SipHeaderKind.From)!)
            .AddHeader("To", invite.GetHeaderValue(SipHeaderKind.To)!)
            .AddHeader("Call-ID", invite.CallId)
            .AddHeader("CSeq", $"{invite.CSeq.Number} CANCEL");

    /// <summary>Answers a request the edge sent us.</summary>
    public Task RespondAsync(SipMessage request, int status, string reason, string toTag, string? sdp = null)
    {
        var b = SipMessageBuilder.CreateResponse(request, status, reason, toTag);
        if (status is > 100 and < 300 && request.Method == SipMethod.Invite) b.AddHeader("Contact", $"<{Contact}>");
        if (sdp is not null) b.SetBody("application/sdp", Encoding.UTF8.GetBytes(sdp));
        var via = request.TopVia;
        return SendToAsync(b.ToArray(), new IPEndPoint(IPAddress.Parse(via.Received ?? via.Host), via.RPort ?? via.Port ?? 5060));
    }

    public Task SendAsync(SipMessageBuilder message) => SendToAsync(message.ToArray(), server);

    public async Task<SipMessage> SendAndWaitFinalAsync(SipMessageBuilder request, string method)
    {
        var parsed = Parse(request.ToArray());
        await SendAsync(request);
        return await ResponseAsync(m => m.CallId == parsed.CallId && m.CSeq.Number == parsed.CSeq.Number && m.CSeq.MethodToken == method && m.StatusCode >= 200,
            $"a final response to {method} CSeq {parsed.CSeq.Number}");
    }

    public Task<SipMessage> ResponseAsync(Func<SipMessage, bool> match, string expectation) => TakeAsync(m => m.IsResponse && match(m), expectation);

    public Task<SipMessage> RequestAsync(string method, string expectation) => TakeAsync(m => m.IsRequest && m.MethodText == method, expectation);

    /// <summary>Removes and returns the first message (in arrival order) matching <paramref name="match"/>.</summary>
    public async Task<SipMessage> TakeAsync(Func<SipMessage, bool> match, string expectation)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            lock (inbox)
            {
                var index = inbox.FindIndex(m => match(m));
                if (index >= 0)
                {
                    var found = inbox[index];
                    inbox.RemoveAt(index);
                    return found;
                }
            }

            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                string held;
                lock (inbox) held = string.Join("; ", inbox.Select(m => m.ToString()));
                throw new TimeoutException($"{User} expected {expectation} within {Deadline.TotalSeconds} s; holding: [{held}]");
            }
        }
    }

    private string Authorize(SipMessage challenge, byte[] request)
    {
        var header = challenge.Headers.Where(h => h.Kind == SipHeaderKind.WwwAuthenticate).Select(h => h.Value)
            .First(v => v.Contains("algorithm=SHA-256", StringComparison.OrdinalIgnoreCase));
        var realm = Param(header, "realm");
        var nonce = Param(header, "nonce");
        var opaque = Param(header, "opaque");
        var message = Parse(request);
        var uri = Encoding.UTF8.GetString(message.RawRequestUri.Span);
        var cnonce = SipMessageBuilder.NewTag();
        var ha1 = SipDigest.ComputeHa1(SipDigestAlgorithm.Sha256, User, realm, Password);
        var response = SipDigest.ComputeResponse(SipDigestAlgorithm.Sha256, ha1, nonce, "00000001", cnonce, "auth", message.MethodText, uri);
        return $"Digest username=\"{User}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", " +
               $"algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"{cnonce}\", opaque=\"{opaque}\"";
    }

    private static string Param(string header, string name)
    {
        var match = Regex.Match(header, $@"\b{Regex.Escape(name)}=(?:""([^""]*)""|([^,\s]+))", RegexOptions.IgnoreCase);
        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
    }

    public static SipMessage Parse(byte[] bytes) =>
        SipMessageParser.ParseDatagram(bytes, SipParserOptions.Default, out var message).Status == SipParseStatus.Complete
            ? message! : throw new InvalidOperationException("unparseable SIP message");

    private async Task SendToAsync(byte[] bytes, IPEndPoint to) => await socket.SendToAsync(bytes, to);

    private async Task ReceiveAsync()
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
            catch (SocketException)
            {
                continue;
            }

            var bytes = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            if (SipMessageParser.ParseDatagram(bytes, SipParserOptions.Default, out var message).Status != SipParseStatus.Complete) continue;
            var identity = message!.IsRequest
                ? $"rq/{message.TopVia.Branch}/{message.MethodText}"
                : $"rs/{message.CallId}/{message.CSeq.Number}/{message.CSeq.MethodToken}/{message.StatusCode}/{message.ToTag}";
            if (!seen.TryAdd(identity, 0)) continue;
            lock (inbox) inbox.Add(message);
            arrived.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        socket.Dispose();
        try
        {
            await loop;
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }

        stop.Dispose();
    }
}
