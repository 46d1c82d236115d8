using System.Net;
using Cluster.Actors.Calls;
using Cluster.Actors.Calls.Entity;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Calls;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Transport;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Sharding;
using Cluster.TestSupport;
using PersistenceExtension = Cluster.Runtime.Persistence.Persistence;

namespace Cluster.Edges.Tests.Sip.Calls;

/// <summary>
/// One node for call tests: a SIP edge on loopback (UDP), the in-process user domain, and real call entities in an actor
/// system with the in-memory journal, wired as the node wires them (<see cref="SipCallHandler.Attach"/>). The actor
/// system runs on <see cref="CallTime"/> (a manual clock) so ring timeouts are driven by the test; the SIP stack runs on
/// the wall clock.
/// </summary>
internal sealed class CallEdgeHarness : IAsyncDisposable
{
    public const string Domain = "example.com";
    public const string Password = "secret-pass-1";
    public const string NodeId = "node1";

    private readonly IDisposable sinkRegistration;
    private readonly List<CallPhone> phones = [];

    private CallEdgeHarness(InProcessUserGateway users, SipEdge edge, ActorSystem system, PersistenceComponents store, CallsModule calls,
        IDisposable sinkRegistration, SipCallHandler handler)
    {
        Users = users;
        Edge = edge;
        System = system;
        Store = store;
        Calls = calls;
        this.sinkRegistration = sinkRegistration;
        Handler = handler;
    }

    public InProcessUserGateway Users { get; }

    public SipEdge Edge { get; }

    public ActorSystem System { get; }

    public PersistenceComponents Store { get; }

    public CallsModule Calls { get; }

    public SipCallHandler Handler { get; }

    public ManualTimeProvider CallTime { get; private init; } = null!;

    public IPEndPoint EndPoint => Edge.Transport.GetListenEndPoint(SipTransportKind.Udp);

    public static async Task<CallEdgeHarness> StartAsync(CallSettings? settings = null, Func<SipEdgeSettings, SipEdgeSettings>? configure = null)
    {
        var users = new InProcessUserGateway(UserSettings.Default with { PasswordIterations = 1000 });
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var edgeSettings = new SipEdgeSettings
        {
            Transport = new SipTransportSettings { UdpListen = [loopback], TcpListen = [loopback], TlsListen = [], AdvertisedHost = "127.0.0.1" },
            Digest = new SipDigestSettings { Realm = Domain, NonceKey = Convert.ToBase64String(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) },
        };
        var edge = new SipEdge(NodeId, configure?.Invoke(edgeSettings) ?? edgeSettings, users);
        users.RegisterSink(NodeId, edge);

        var time = new ManualTimeProvider();
        var registry = CallsModule.RegisterManifests(new SerializerRegistry(DomainJson.Options));
        var store = await PersistencePlugins.CreateAsync(PersistenceSettings.InMemory, registry, Serilog.Log.Logger, time);
        var system = ActorSystem.Create("uc", ActorSystemSettings.Default with { TimeProvider = time });
        PersistenceExtension.Register(system, store, CallsModule.RegisterManifests(new SerializerRegistry(DomainJson.Options)));
        var calls = CallsModule.Start(system, new CallsModuleOptions(NodeId, users)
        {
            CallSettings = settings ?? CallSettings.Default with { SessionInterval = null },
            ShardingSettings = ClusterShardingSettings.Default with { NumberOfShards = 20 },
        });
        var registration = SipCallHandler.Attach(edge, calls, out var handler);
        edge.Start();
        return new CallEdgeHarness(users, edge, system, store, calls, registration, handler) { CallTime = time };
    }

    /// <summary>Creates a user with <see cref="Password"/> for realm <see cref="Domain"/>.</summary>
    public async Task<UserAddress> CreateUserAsync(string user)
    {
        var address = UserAddress.Parse($"{user}@{Domain}");
        Assert.IsType<Ack>(await Users.SendAsync(address, new CreateUser(user)));
        Assert.IsType<Ack>(await Users.SendAsync(address, new SetPassword(Password, Domain)));
        return address;
    }

    /// <summary>Creates a user and a registered phone for it.</summary>
    public async Task<CallPhone> PhoneAsync(string user)
    {
        await CreateUserAsync(user);
        var phone = new CallPhone(user, Domain, Password, EndPoint);
        phones.Add(phone);
        await phone.RegisterAsync();
        return phone;
    }

    /// <summary>What the call entity says about the call (its id is the caller's Call-ID).</summary>
    public Task<CallView> DescribeAsync(string callId) => Deadline.Within(Calls.Gateway.DescribeAsync(callId), $"call {callId} to describe itself");

    /// <summary>Waits until the call is in <paramref name="phase"/>.</summary>
    public Task UntilPhaseAsync(string callId, CallPhase phase) =>
        Deadline.Until(() => Calls.Gateway.DescribeAsync(callId).GetAwaiter().GetResult().Phase == phase, $"call {callId} to be {phase}");

    public async ValueTask DisposeAsync()
    {
        foreach (var phone in phones) await phone.DisposeAsync();
        sinkRegistration.Dispose();
        await Edge.DisposeAsync();
        await Deadline.Within(System.Terminate(), "the actor system to terminate");
        await Store.DisposeAsync();
    }
}
