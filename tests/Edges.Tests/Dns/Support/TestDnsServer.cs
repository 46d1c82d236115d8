using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Cluster.Edges.Dns.Codec;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Dns.Support;

/// <summary>
/// A small authoritative DNS server on a free loopback port, UDP and TCP on the same port, serving a
/// <see cref="TestZone"/>. <see cref="Behavior"/> picks per query whether to answer, drop, truncate, spoof or break
/// the answer, so the client's failure handling is exercised over real sockets. Every query received is published
/// on a channel so tests synchronise on "the server saw it" instead of sleeping.
/// </summary>
internal sealed class TestDnsServer : IAsyncDisposable
{
    private readonly Socket udp;
    private readonly TcpListener tcp;
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<ReceivedQuery> received = Channel.CreateUnbounded<ReceivedQuery>();
    private readonly ConcurrentQueue<ReceivedQuery> log = new();
    private readonly List<Task> loops = [];
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestDnsServer(TestZone zone)
    {
        Zone = zone;
        (udp, tcp) = BindPair();
        EndPoint = (IPEndPoint)udp.LocalEndPoint!;
        loops.Add(Task.Run(UdpLoopAsync));
        loops.Add(Task.Run(TcpLoopAsync));
    }

    public TestZone Zone { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>Decides what to do with each query; answers normally by default.</summary>
    public Func<ReceivedQuery, ServerAction> Behavior { get; set; } = _ => ServerAction.Answer;

    public IReadOnlyList<ReceivedQuery> Queries => log.ToArray();

    public int UdpQueryCount => log.Count(q => !q.OverTcp);

    public int TcpQueryCount => log.Count(q => q.OverTcp);

    public static TestDnsServer Start(TestZone? zone = null) => new(zone ?? new TestZone());

    /// <summary>Waits for the next query this server receives.</summary>
    public async Task<ReceivedQuery> NextQueryAsync(string expectation)
    {
        using var deadline = new CancellationTokenSource(Deadline.Default);
        try
        {
            return await received.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Expected the DNS server {EndPoint} to receive {expectation} within {Deadline.Default.TotalSeconds:0} s.");
        }
    }

    /// <summary>Lets every query held by <see cref="ServerAction.Hold"/> be answered.</summary>
    public void ReleaseHeld() => held.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        held.TrySetResult();
        udp.Dispose();
        tcp.Stop();
        try
        {
            await Task.WhenAll(loops);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        stop.Dispose();
    }

    private static (Socket Udp, TcpListener Tcp) BindPair()
    {
        // The OS picks a free UDP port; the TCP listener takes the same number, retrying if TCP has it in use.
        for (var attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var listener = new TcpListener(IPAddress.Loopback, ((IPEndPoint)socket.LocalEndPoint!).Port);
            try
            {
                listener.Start();
                return (socket, listener);
            }
            catch (SocketException) when (attempt < 20)
            {
                socket.Dispose();
            }
        }
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[65535];
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult got;
            try
            {
                got = await udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var from = (IPEndPoint)got.RemoteEndPoint;
            if (!DnsMessageReader.TryRead(buffer.AsSpan(0, got.ReceivedBytes), out var query, out _) || query.Questions.Count != 1)
                continue;
            var request = new ReceivedQuery(query, OverTcp: false, from);
            Publish(request);
            _ = RespondUdpAsync(request);
        }
    }

    private async Task RespondUdpAsync(ReceivedQuery request)
    {
        try
        {
            foreach (var datagram in await BuildResponsesAsync(request))
                await udp.SendToAsync(datagram, SocketFlags.None, request.From, stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await tcp.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeTcpAsync(client);
        }
    }

    private async Task ServeTcpAsync(Socket client)
    {
        using var connection = client;
        try
        {
            var prefix = new byte[2];
            while (await ReadExactlyAsync(client, prefix))
            {
                var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                if (!await ReadExactlyAsync(client, body))
                    return;
                if (!DnsMessageReader.TryRead(body, out var query, out _) || query.Questions.Count != 1)
                    return;
                var request = new ReceivedQuery(query, OverTcp: true, (IPEndPoint)client.RemoteEndPoint!);
                Publish(request);
                foreach (var response in await BuildResponsesAsync(request))
                {
                    var frame = new byte[2 + response.Length];
                    BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)response.Length);
                    response.CopyTo(frame, 2);
                    await client.SendAsync(frame, SocketFlags.None, stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task<bool> ReadExactlyAsync(Socket socket, byte[] target)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = await socket.ReceiveAsync(target.AsMemory(read), SocketFlags.None, stop.Token);
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }

    private void Publish(ReceivedQuery request)
    {
        log.Enqueue(request);
        received.Writer.TryWrite(request);
    }

    private async Task<IReadOnlyList<byte[]>> BuildResponsesAsync(ReceivedQuery request)
    {
        var query = request.Message;
        var action = Behavior(request);
        switch (action)
        {
            case ServerAction.Drop:
                return [];
            case ServerAction.Hold:
                await held.Task;
                return [Encode(Zone.Answer(query), request)];
            case ServerAction.Truncate when !request.OverTcp:
                return [DnsMessageWriter.Write(Empty(query, DnsResponseCode.NoError) with { Header = Empty(query, DnsResponseCode.NoError).Header with { Truncated = true } })];
            case ServerAction.ServerFailure:
                return [DnsMessageWriter.Write(Empty(query, DnsResponseCode.ServerFailure))];
            case ServerAction.RejectEdns when query.Opt is not null:
                return [DnsMessageWriter.Write(new DnsMessage { Header = new DnsHeader(query.Header.Id, IsResponse: true, ResponseCode: (byte)DnsResponseCode.FormatError) })];
            case ServerAction.SpoofThenAnswer or ServerAction.SpoofOnly:
                var wrongId = Forged(query) with { Header = Forged(query).Header with { Id = (ushort)(query.Header.Id ^ 0x5A5A) } };
                var wrongQuestion = Forged(query) with { Questions = [new DnsQuestion("evil.test", query.Questions[0].Type)] };
                List<byte[]> datagrams = [DnsMessageWriter.Write(wrongId), DnsMessageWriter.Write(wrongQuestion)];
                if (action == ServerAction.SpoofThenAnswer)
                    datagrams.Add(Encode(Zone.Answer(query), request));
                return datagrams;
            case ServerAction.PointerLoop:
                return [PointerLoopAnswer(query)];
            default:
                return [Encode(Zone.Answer(query), request)];
        }
    }

    /// <summary>Over UDP an answer larger than the client can take is cut to an empty TC answer (RFC 1035 §4.2.1).</summary>
    private static byte[] Encode(DnsMessage answer, ReceivedQuery request)
    {
        var bytes = DnsMessageWriter.Write(answer);
        var limit = Math.Max(512, (int?)request.Message.Opt?.UdpPayloadSize ?? 512);
        if (request.OverTcp || bytes.Length <= limit)
            return bytes;
        return DnsMessageWriter.Write(new DnsMessage
        {
            Header = answer.Header with { Truncated = true },
            Questions = answer.Questions,
        });
    }

    private static DnsMessage Empty(DnsMessage query, DnsResponseCode rcode) => new()
    {
        Header = new DnsHeader(query.Header.Id, IsResponse: true, RecursionDesired: query.Header.RecursionDesired, ResponseCode: (byte)rcode),
        Questions = query.Questions,
    };

    private static DnsMessage Forged(DnsMessage query)
    {
        var q = query.Questions[0];
        DnsRecord forged = q.Type == DnsRecordType.AAAA
            ? new AaaaRecord(q.Name, 3600, IPAddress.Parse("2001:db8::666"))
            : new ARecord(q.Name, 3600, IPAddress.Parse("6.6.6.6"));
        return Empty(query, DnsResponseCode.NoError) with { Answers = [forged] };
    }

    /// <summary>Right id and question, one answer whose owner name is a pointer to its own offset.</summary>
    private static byte[] PointerLoopAnswer(DnsMessage query)
    {
        var head = DnsMessageWriter.Write(Empty(query, DnsResponseCode.NoError));
        var offset = head.Length;
        var bytes = new byte[head.Length + 2 + 10 + 4];
        head.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), 1); // ANCOUNT
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset), (ushort)(0xC000 | offset));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset + 2), (ushort)DnsRecordType.A);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset + 4), (ushort)DnsClass.Internet);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset + 6), 300);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset + 10), 4);
        bytes[offset + 12] = 6;
        return bytes;
    }
}
