using System.Net;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Transport;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Core.Support;

/// <summary>
/// One or more SIP edges on loopback port 0 (UDP and TCP) sharing one in-process user domain, as nodes of a cluster
/// would share the sharded user entities. Users live in <see cref="Domain"/> with realm = domain.
/// </summary>
internal sealed class EdgeHarness : IAsyncDisposable
{
    public const string Domain = "example.com";
    public const string Password = "secret-pass-1";

    private readonly List<SipEdge> edges = [];

    public EdgeHarness(Func<SipEdgeSettings, SipEdgeSettings>? configure = null, int nodes = 1)
    {
        Users = new InProcessUserGateway(UserSettings.Default with { PasswordIterations = 1000 });
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var nonceKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        for (var i = 0; i < nodes; i++)
        {
            var settings = new SipEdgeSettings
            {
                Transport = new SipTransportSettings { UdpListen = [loopback], TcpListen = [loopback], TlsListen = [], AdvertisedHost = "127.0.0.1" },
                // All nodes share the nonce key, as a cluster must (uc.sip.auth.nonce-key).
                Digest = new SipDigestSettings { Realm = Domain, NonceKey = nonceKey },
            };
            settings = configure?.Invoke(settings) ?? settings;
            var edge = new SipEdge($"node{i + 1}", settings, Users, Time);
            Users.RegisterSink(edge.NodeId, edge);
            edge.Start();
            edges.Add(edge);
        }
    }

    public InProcessUserGateway Users { get; }

    public OffsetTimeProvider Time { get; } = new();

    public SipEdge Edge => edges[0];

    public SipEdge this[int index] => edges[index];

    public IPEndPoint EndPoint(string transport, int node = 0) =>
        edges[node].Transport.GetListenEndPoint(transport == "UDP" ? SipTransportKind.Udp : SipTransportKind.Tcp);

    public static UserAddress Address(string user) => UserAddress.Parse($"{user}@{Domain}");

    public static string Uri(string user) => $"sip:{user}@{Domain}";

    /// <summary>Creates a user with <see cref="Password"/> for realm <see cref="Domain"/>.</summary>
    public async Task<UserAddress> CreateUserAsync(string user)
    {
        var address = Address(user);
        Assert.IsType<Ack>(await Users.SendAsync(address, new CreateUser(user)));
        Assert.IsType<Ack>(await Users.SendAsync(address, new SetPassword(Password, Domain)));
        return address;
    }

    /// <summary>A client on node <paramref name="node"/> logged in as <paramref name="user"/>.</summary>
    public async Task<TestSipClient> ClientAsync(string user, string transport = "UDP", int node = 0)
    {
        var client = await TestSipClient.ConnectAsync(transport, EndPoint(transport, node));
        client.Username = user;
        client.Password = Password;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var edge in edges) await edge.DisposeAsync();
    }
}
