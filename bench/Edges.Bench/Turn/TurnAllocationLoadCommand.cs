using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Bench.Turn;

/// <summary>
/// <c>turn-alloc-load --port N --secret S [--server A] [--realm R] [--allocations N] [--concurrency C] [--hold]</c>:
/// measures new allocations per second against any TURN server with REST credentials (ours or coturn), which
/// <c>turnutils_uclient</c> cannot. Each allocation is a fresh UDP socket doing what a client does: Allocate,
/// 401 with realm and nonce, Allocate with MESSAGE-INTEGRITY, and (without <c>--hold</c>) Refresh LIFETIME 0.
/// With <c>--hold</c> the allocations are kept until stdin closes, so the caller can read the server's memory.
/// </summary>
internal static class TurnAllocationLoadCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var server = new IPEndPoint(IPAddress.Parse(BenchArgs.Text(args, "--server") ?? "127.0.0.1"), BenchArgs.Int(args, "--port", 3478));
        var secret = BenchArgs.Text(args, "--secret") ?? throw new ArgumentException("--secret S is required");
        var realm = BenchArgs.Text(args, "--realm") ?? "uc.local";
        var total = BenchArgs.Int(args, "--allocations", 2000);
        var concurrency = BenchArgs.Int(args, "--concurrency", 8);
        var hold = args.Contains("--hold");
        var held = new List<Socket>();
        var failures = 0;
        var next = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Factory.StartNew(() =>
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)Timeout.TotalMilliseconds };
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                socket.Connect(server);
                var ok = TryAllocate(socket, secret, realm, $"bench{worker}", hold);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }

                if (hold && ok)
                {
                    lock (held)
                    {
                        held.Add(socket);
                    }
                }
                else
                {
                    socket.Dispose();
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        var succeeded = total - failures;
        Console.WriteLine($"allocations={succeeded} failed={failures} seconds={watch.Elapsed.TotalSeconds:F3} allocations_per_s={succeeded / watch.Elapsed.TotalSeconds:F0}");
        if (hold)
        {
            Console.WriteLine("holding allocations; close stdin to release");
            while (await Console.In.ReadLineAsync() is not null)
            {
            }

            held.ForEach(s => s.Dispose());
        }

        return failures == 0 ? 0 : 1;
    }

    private static bool TryAllocate(Socket socket, string secret, string realm, string user, bool hold)
    {
        var buffer = new byte[1500];
        var response = new byte[1500];
        var id = new byte[12];
        Random.Shared.NextBytes(id);
        var first = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.Request, id);
        first.AddRequestedTransport(17);
        first.AddFingerprint();
        if (!Exchange(socket, buffer.AsSpan(0, first.Length), response, out var length))
        {
            return false;
        }

        if (!StunMessage.TryParse(response.AsSpan(0, length), out var challenge) || !challenge.TryGetAttribute(StunAttributeType.Nonce, out var nonceValue))
        {
            return false;
        }

        var nonce = Encoding.UTF8.GetString(nonceValue);
        var username = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600}:{user}";
        var key = LongTermKey.Compute(username, realm, TurnRestSecret.Password(secret, username));
        Random.Shared.NextBytes(id);
        var allocate = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.Request, id);
        allocate.AddRequestedTransport(17);
        AddCredentials(ref allocate, username, realm, nonce, key);
        if (!Exchange(socket, buffer.AsSpan(0, allocate.Length), response, out length)
            || !StunMessage.TryParse(response.AsSpan(0, length), out var allocated) || allocated.Class != StunClass.SuccessResponse)
        {
            return false;
        }

        if (hold)
        {
            return true;
        }

        Random.Shared.NextBytes(id);
        var refresh = new StunMessageWriter(buffer, StunMethod.Refresh, StunClass.Request, id);
        refresh.AddLifetime(0);
        AddCredentials(ref refresh, username, realm, nonce, key);
        return Exchange(socket, buffer.AsSpan(0, refresh.Length), response, out length)
            && StunMessage.TryParse(response.AsSpan(0, length), out var refreshed) && refreshed.Class == StunClass.SuccessResponse;
    }

    private static void AddCredentials(ref StunMessageWriter writer, string username, string realm, string nonce, byte[] key)
    {
        writer.AddText(StunAttributeType.Username, username);
        writer.AddText(StunAttributeType.Realm, realm);
        writer.AddText(StunAttributeType.Nonce, nonce);
        writer.AddMessageIntegrity(key);
        writer.AddFingerprint();
    }

    /// <summary>Sends and waits for the response, retransmitting twice (UDP on a loaded loopback can drop).</summary>
    private static bool Exchange(Socket socket, ReadOnlySpan<byte> request, byte[] response, out int length)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            socket.Send(request);
            try
            {
                length = socket.Receive(response);
                return true;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.ConnectionReset)
            {
            }
        }

        length = 0;
        return false;
    }
}
