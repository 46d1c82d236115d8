using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns;

/// <summary>The UDP and TCP exchanges and the walk over servers and attempts.</summary>
public sealed partial class DnsClient
{
    /// <summary>RFC 1035 §2.3.4: without EDNS0 a UDP answer is at most 512 bytes.</summary>
    private const int ClassicUdpSize = 512;

    private enum Outcome
    {
        Answer,
        Timeout,
        Malformed,
        NetworkError,
    }

    private readonly record struct Exchange(Outcome Outcome, DnsMessage? Message, string? Reason);

    /// <summary>
    /// One question through the server list: rounds of <see cref="DnsSettings.Attempts"/>, each over every server.
    /// Returns the first final answer (NOERROR or NXDOMAIN), or the last failure reason.
    /// </summary>
    private async Task<(DnsMessage? Answer, string? Failure, DnsQueryStatus Status)> AskServersAsync(DnsQuestion question, CancellationToken ct)
    {
        string? lastFailure = null;
        var onlyTimeouts = true;
        for (var attempt = 0; attempt < settings.Attempts; attempt++)
        {
            foreach (var server in settings.Servers)
            {
                var useEdns = settings.UdpPayloadSize > 0;
                var exchange = await ExchangeUdpAsync(server, question, useEdns, ct).ConfigureAwait(false);
                if (exchange is { Outcome: Outcome.Answer, Message: { } formErr } && useEdns && formErr.ResponseCode == DnsResponseCode.FormatError)
                {
                    // RFC 6891 §7: a responder that does not understand EDNS0 gets the query again without OPT.
                    log.Debug("DNS server {Server} rejected EDNS0 for {Name}; retrying without OPT", server, question.Name);
                    useEdns = false;
                    exchange = await ExchangeUdpAsync(server, question, useEdns, ct).ConfigureAwait(false);
                }
                if (exchange is { Outcome: Outcome.Answer, Message.Header.Truncated: true })
                {
                    // RFC 1035 §4.2.2 / RFC 7766 §5: a truncated UDP answer is asked again over TCP.
                    Statistics.TcpFallback();
                    exchange = await ExchangeTcpAsync(server, question, useEdns, ct).ConfigureAwait(false);
                }

                switch (exchange.Outcome)
                {
                    case Outcome.Answer:
                        var rcode = exchange.Message!.ResponseCode;
                        if (rcode is DnsResponseCode.NoError or DnsResponseCode.NameError)
                            return (exchange.Message, null, DnsQueryStatus.Success);
                        Statistics.ServerFailure();
                        lastFailure = $"{server} answered {rcode} for {question.Name} {question.Type}";
                        onlyTimeouts = false;
                        break;
                    case Outcome.Timeout:
                        lastFailure ??= $"no answer from {server} within {settings.Timeout.TotalMilliseconds:0} ms for {question.Name} {question.Type}";
                        break;
                    default:
                        lastFailure = $"{server}: {exchange.Reason}";
                        onlyTimeouts = false;
                        break;
                }
                log.Debug("DNS {Name} {Type} attempt {Attempt} at {Server}: {Outcome} {Reason}", question.Name, question.Type, attempt + 1, server, exchange.Outcome, exchange.Reason);
            }
        }
        if (onlyTimeouts)
            lastFailure = $"no answer from {string.Join(", ", settings.Servers)} within {settings.Timeout.TotalMilliseconds:0} ms x {settings.Attempts} attempts for {question.Name} {question.Type}";
        return (null, lastFailure ?? "no name servers configured", onlyTimeouts ? DnsQueryStatus.Timeout : DnsQueryStatus.ServerFailure);
    }

    private async Task<Exchange> ExchangeUdpAsync(IPEndPoint server, DnsQuestion question, bool useEdns, CancellationToken ct)
    {
        // RFC 5452 §9.2: unpredictable id and source port. A fresh socket bound to port 0 gets a random ephemeral port.
        var id = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        var query = DnsMessageWriter.Write(DnsMessage.CreateQuery(id, question, useEdns ? (ushort)settings.UdpPayloadSize : null));
        var receiveSize = useEdns ? Math.Max(settings.UdpPayloadSize, ClassicUdpSize) : ClassicUdpSize;
        var buffer = ArrayPool<byte>.Shared.Rent(receiveSize);
        // The timer is armed before sending, so a test clock advanced after the server saw the query always fires it.
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            // A connected socket only receives datagrams from the server asked (RFC 5452 §9.1 address check).
            socket.Connect(server);
            await socket.SendAsync(query, SocketFlags.None, linked.Token).ConfigureAwait(false);
            Statistics.UdpQuery();
            while (true)
            {
                var length = await socket.ReceiveAsync(buffer.AsMemory(0, receiveSize), SocketFlags.None, linked.Token).ConfigureAwait(false);
                var check = Check(buffer.AsSpan(0, length), id, question, out var message, out var reason);
                if (check == Outcome.Answer)
                    return new Exchange(Outcome.Answer, message, null);
                if (check == Outcome.Malformed)
                    return new Exchange(Outcome.Malformed, null, reason);
                // Anything else is not ours: keep waiting for the real answer until the timeout.
                log.Debug("DNS dropped datagram from {Server} for {Name}: {Reason}", server, question.Name, reason);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Statistics.Timeout();
            return new Exchange(Outcome.Timeout, null, "timed out");
        }
        catch (SocketException e)
        {
            return new Exchange(Outcome.NetworkError, null, $"UDP {e.SocketErrorCode}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>RFC 1035 §4.2.2 / RFC 7766 §8: over TCP each message is preceded by its two-byte length.</summary>
    private async Task<Exchange> ExchangeTcpAsync(IPEndPoint server, DnsQuestion question, bool useEdns, CancellationToken ct)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        var query = DnsMessageWriter.Write(DnsMessage.CreateQuery(id, question, useEdns ? (ushort)settings.UdpPayloadSize : null));
        var frame = new byte[2 + query.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)query.Length);
        query.CopyTo(frame, 2);
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        byte[]? buffer = null;
        try
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(server, linked.Token).ConfigureAwait(false);
            await socket.SendAsync(frame, SocketFlags.None, linked.Token).ConfigureAwait(false);
            Statistics.TcpQuery();
            var prefix = new byte[2];
            if (!await ReadExactlyAsync(socket, prefix, linked.Token).ConfigureAwait(false))
                return new Exchange(Outcome.NetworkError, null, "TCP connection closed before the answer");
            int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            if (!await ReadExactlyAsync(socket, buffer.AsMemory(0, length), linked.Token).ConfigureAwait(false))
                return new Exchange(Outcome.NetworkError, null, $"TCP connection closed inside a {length}-byte answer");
            var check = Check(buffer.AsSpan(0, length), id, question, out var message, out var reason);
            // On a stream nothing else can be interleaved: a mismatch is a broken server, not noise.
            return check == Outcome.Answer
                ? new Exchange(Outcome.Answer, message, null)
                : new Exchange(Outcome.Malformed, null, $"TCP answer rejected: {reason}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Statistics.Timeout();
            return new Exchange(Outcome.Timeout, null, "timed out over TCP");
        }
        catch (SocketException e)
        {
            return new Exchange(Outcome.NetworkError, null, $"TCP {e.SocketErrorCode}");
        }
        finally
        {
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> target, CancellationToken ct)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = await socket.ReceiveAsync(target[read..], SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }

    /// <summary>
    /// Decides whether a datagram answers our query. Answer: id, QR bit and question match. Malformed: our id but
    /// unparseable. Anything else (returned as <see cref="Outcome.NetworkError"/>) is someone else's and is dropped.
    /// </summary>
    private Outcome Check(ReadOnlySpan<byte> data, ushort id, DnsQuestion question, out DnsMessage? message, out string? reason)
    {
        message = null;
        if (!DnsMessageReader.TryReadId(data, out var gotId) || gotId != id)
        {
            Statistics.Mismatched();
            reason = $"id {gotId} is not the query id {id}";
            return Outcome.NetworkError;
        }
        if (!DnsMessageReader.TryRead(data, out var parsed, out var error))
        {
            Statistics.Malformed();
            reason = $"malformed answer: {error}";
            return Outcome.Malformed;
        }
        if (!parsed.Header.IsResponse || parsed.Header.Opcode != DnsOpcode.Query)
        {
            Statistics.Mismatched();
            reason = "not a response to a standard query";
            return Outcome.NetworkError;
        }
        // RFC 6891 §7: a FORMERR from a server without EDNS support may come without the question.
        var questionMatches = parsed.Questions.Count == 1 && parsed.Questions[0].Matches(question)
            || parsed.Questions.Count == 0 && parsed.ResponseCode == DnsResponseCode.FormatError;
        if (!questionMatches)
        {
            Statistics.Mismatched();
            reason = "question section does not match the query";
            return Outcome.NetworkError;
        }
        message = parsed;
        reason = null;
        return Outcome.Answer;
    }
}
