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
        var held = new List<(Socket Socket, Credentials Credentials)>();
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
                var ok = TryAllocate(socket, secret, realm, $"bench{worker}", hold, out var credentials);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }

                if (hold && ok)
                {
                    lock (held)
                    {
                        held.Add((socket, credentials!));
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

            // Delete them (Refresh LIFETIME 0) so their 5-tuples are free for whatever runs next on this host.
            foreach (var (socket, credentials) in held)
            {
                Refresh(socket, credentials, new byte[1500], new byte[1500]);
                socket.Dispose();
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static bool TryAllocate(Socket socket, string secret, string realm, string user, bool hold, out Credentials? credentials)
    {
        credentials = null;
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

        credentials = new Credentials(username, realm, nonce, key);
        return hold || Refresh(socket, credentials, buffer, response);
    }

    /// <summary>Refresh with LIFETIME 0: deletes the allocation (RFC 8656 §7.3).</summary>
    private static bool Refresh(Socket socket, Credentials credentials, byte[] buffer, byte[] response)
    {
        var id = new byte[12];
        Random.Shared.NextBytes(id);
        var refresh = new StunMessageWriter(buffer, StunMethod.Refresh, StunClass.Request, id);
        refresh.AddLifetime(0);
        AddCredentials(ref refresh, credentials.Username, credentials.Realm, credentials.Nonce, credentials.Key);
        return Exchange(socket, buffer.AsSpan(0, refresh.Length), response, out var length)
            && StunMessage.TryParse(response.AsSpan(0, length), out var refreshed) && refreshed.Class == StunClass.SuccessResponse;
    }

    private sealed record Credentials(string Username, string Realm, string Nonce, byte[] Key);

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
