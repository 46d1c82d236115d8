using Cluster.Actors.Calls;
using Cluster.Actors.Calls.Entity;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Sharding;
using Cluster.TestSupport;
using Cluster.Actors.Tests.Users.Entity;
using PersistenceExtension = Cluster.Runtime.Persistence.Persistence;

namespace Cluster.Actors.Tests.Calls.Entity;

/// <summary>
/// A "node" for call-entity tests: an actor system on a manual clock with the in-memory journal and the
/// <see cref="CallsModule"/>; users run in process (<see cref="InProcessUserGateway"/>) with Bob registered on this node.
/// <see cref="RestartAsync"/> terminates the system (entities passivate) and starts a new one on the same journal.
/// </summary>
public abstract class CallEntityTestBase : IAsyncLifetime
{
    public const string NodeId = "node-a";

    public const string Offer = "v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n";
    public const string Answer = "v=0\r\no=bob 7 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=sendrecv\r\n";
    public const string BobContact = "sip:bob@192.0.2.2:5060";

    public static readonly UserAddress Alice = UserAddress.Parse("alice@example.com");
    public static readonly UserAddress Bob = UserAddress.Parse("bob@example.com");
    public static readonly EdgeEndpoint AliceFlow = new(NodeId, "flow-alice");
    public static readonly EdgeEndpoint BobFlow = new(NodeId, "flow-bob");

    private bool running;

    protected ManualTimeProvider Time { get; } = new();

    protected LogCapture Logs { get; } = new();

    protected RecordingCallSink Sink { get; private set; } = new(NodeId);

    protected InProcessUserGateway Users { get; private set; } = null!;

    protected PersistenceComponents Components { get; private set; } = null!;

    protected ActorSystem Sys { get; private set; } = null!;

    protected CallsModule Calls { get; private set; } = null!;

    protected ICallGateway Gateway => Calls.Gateway;

    protected virtual CallEntitySettings EntitySettings => CallEntitySettings.Default;

    protected virtual CallSettings CallSettings => CallSettings.Default with { SessionInterval = null };

    public async Task InitializeAsync()
    {
        Users = new InProcessUserGateway(UserSettings.Default with { PasswordIterations = 1000 }, Time);
        Components = await PersistencePlugins.CreateAsync(PersistenceSettings.InMemory, CreateRegistry(), Logs.CreateLogger(), Time);
        Start();
        await Users.SendAsync(Alice, new CreateUser("Alice"));
        await Users.SendAsync(Bob, new CreateUser("Bob"));
        var reply = await Users.SendAsync(Bob, new Register("reg-bob", 1, [new ContactUpdate(BobContact, 3600, null, null, null, BobFlow)]));
        Assert.IsType<BindingsReply>(reply);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        await Components.DisposeAsync();
    }

    protected async Task RestartAsync()
    {
        await StopAsync();
        Sink = new RecordingCallSink(NodeId);
        Start();
    }

    protected static SerializerRegistry CreateRegistry() => CallsModule.RegisterManifests(new SerializerRegistry(DomainJson.Options));

    protected async Task<ICallReply> Send(string callId, ICallCommand command) =>
        await Deadline.Within(Gateway.SendAsync(callId, command), $"call {callId} to answer {command.GetType().Name}");

    protected async Task<CallAccepted> Accepted(string callId, ICallCommand command)
    {
        var reply = await Send(callId, command);
        return Assert.IsType<CallAccepted>(reply);
    }

    protected Task<CallView> Describe(string callId) => Deadline.Within(Gateway.DescribeAsync(callId), $"call {callId} to describe itself");

    protected static StartCall CallBob(string callId, string key = "tx-invite") =>
        new(new CallParty("sip:alice@example.com", "Alice", Alice), new CallParty("sip:bob@example.com", "Bob", Bob),
            new IncomingInvite(callId, "atag", "ourtag", "sip:bob@example.com", "sip:alice@example.com", "sip:alice@192.0.2.1:5060", [], 1,
                AliceFlow, key, Offer))
        {
            CommandId = key,
        };

    protected static ReceiveResponse Response(CallLeg leg, int status, string? sdp = null) =>
        new(leg.LegId, SipMethod.Invite, leg.InviteCSeq, status, SipResponse.ReasonFor(status), sdp, status > 100 ? "bobtag" : null,
            BobContact, [], null, null, true, leg.Dialog.SipCallId, leg.Dialog.LocalTag)
        {
            CommandId = $"resp-{leg.LegId}-{status}",
        };

    /// <summary>Alice calls Bob; Bob's phone rings and answers; Alice ACKs. Returns Bob's leg.</summary>
    protected async Task<CallLeg> ConnectAsync(string callId)
    {
        await Accepted(callId, CallBob(callId));
        var invite = await Sink.Next<SendInvite>(i => i.CallId == callId, "the INVITE to Bob's phone");
        await Accepted(callId, Response(invite.Leg, 180));
        await Accepted(callId, Response(invite.Leg, 200, Answer));
        await Sink.Next<SendAck>(a => a.CallId == callId, "the ACK to Bob's 200");
        await Accepted(callId, new ReceiveAck(CallLeg.CallerLegId, 1));
        return invite.Leg;
    }

    protected async Task<List<ICallEvent>> JournalOf(string callId)
    {
        var events = new List<ICallEvent>();
        await foreach (var envelope in Components.ReadJournal.CurrentEventsByPersistenceId(CallEntity.PersistenceIdOf(callId)))
        {
            events.Add(Assert.IsAssignableFrom<ICallEvent>(envelope.Event));
        }

        return events;
    }

    protected async Task<bool> IsActive(string callId)
    {
        var location = await Deadline.Within(Calls.Region.Ask<EntityLocation>(new GetEntityLocation(callId), Timeout.InfiniteTimeSpan),
            $"the location of call {callId}");
        return location.IsActive;
    }

    private void Start()
    {
        Sys = ActorSystem.Create("uc", ActorSystemSettings.Default with { TimeProvider = Time, Logger = Logs.CreateLogger() });
        PersistenceExtension.Register(Sys, Components, CreateRegistry());
        Calls = CallsModule.Start(Sys, new CallsModuleOptions(NodeId, Users)
        {
            CallSettings = CallSettings,
            EntitySettings = EntitySettings,
            ShardingSettings = ClusterShardingSettings.Default with { NumberOfShards = 50 },
            Entropy = new SeededCallEntropy(11),
        });
        Calls.RegisterSink(Sink);
        running = true;
    }

    private async Task StopAsync()
    {
        if (!running)
        {
            return;
        }

        running = false;
        await Deadline.Within(Sys.Terminate(), "the actor system to terminate");
    }
}
