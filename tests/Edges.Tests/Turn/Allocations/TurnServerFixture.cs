using System.Net;
using Cluster.Edges.Turn;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Tests.Turn.Allocations;

/// <summary>A TURN server on loopback with REST credentials and loopback peers allowed, per test.</summary>
internal sealed class TurnServerFixture : IAsyncDisposable
{
    public const string Realm = "uc.test";
    public const string Secret = "north-wind";

    private readonly ActorSystem system;

    private TurnServerFixture(ActorSystem system, TurnServer server)
    {
        this.system = system;
        Server = server;
    }

    public TurnServer Server { get; }

    public IPEndPoint Udp => Server.UdpEndPoint!;

    public IPEndPoint Tcp => Server.TcpEndPoint!;

    /// <summary>Starts a server; <paramref name="configure"/> changes the test defaults.</summary>
    public static TurnServerFixture Start(Func<TurnSettings, TurnSettings>? configure = null)
    {
        var settings = new TurnSettings
        {
            Stun = new StunSettings { ListenAddress = IPAddress.Loopback, Port = 0, Software = "uc-test" },
            Realm = Realm,
            AuthSecrets = [Secret],
            RelayAddress = IPAddress.Loopback,
            RelayPortMin = 20000,
            RelayPortMax = 29999,
            // Loopback peers are denied by default (RFC 8656 §21.5); the tests' peers live there.
            PeerAllow = ["127.0.0.0/8"],
        };
        settings = configure?.Invoke(settings) ?? settings;
        var system = ActorSystem.Create("turn-test");
        var server = new TurnServer(settings, system);
        server.Start();
        return new TurnServerFixture(system, server);
    }

    public TurnTestClient Client(string user = "alice") => TurnTestClient.Rest(Udp, Secret, user);

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="expected"/> after the deadline.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string expected)
    {
        var deadline = DateTime.UtcNow + TurnTestClient.Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {TurnTestClient.Deadline} waiting for: {expected}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await system.Terminate();
    }
}
