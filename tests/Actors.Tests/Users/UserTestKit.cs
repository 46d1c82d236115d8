using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Tests.Users;

/// <summary>A user entity without the actor: decides, applies like the entity would, and keeps the journal it would write.</summary>
internal sealed class UserTestKit
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly UserAddress Alice = UserAddress.Parse("alice@example.com");
    public static readonly UserAddress Bob = UserAddress.Parse("bob@example.com");
    public static readonly UserAddress Carol = UserAddress.Parse("carol@partner.org");

    /// <summary>Fast hashing and small bounds so tests run quickly and limits are reachable.</summary>
    public static readonly UserSettings TestSettings = UserSettings.Default with
    {
        PasswordIterations = 1000,
        MaxBindings = 3,
        MaxSessions = 2,
        MaxPushDevices = 2,
        MaxWatchers = 4,
        MaxContacts = 5,
        ChatHistoryLimit = 10,
        OfflineMessageLimit = 5,
        MaxMessageBytes = 64,
    };

    public UserTestKit(UserAddress? address = null, UserSettings? settings = null)
    {
        Decider = new UserDecider(settings ?? TestSettings);
        State = UserState.Initial(address ?? Alice);
    }

    public UserDecider Decider { get; }

    public UserState State { get; private set; }

    public DateTimeOffset Now { get; set; } = T0;

    /// <summary>Everything journaled so far, in order.</summary>
    public List<IUserEvent> Journal { get; } = [];

    public UserDecision Last { get; private set; } = null!;

    public static UserTestKit Created(UserAddress? address = null, UserSettings? settings = null)
    {
        var kit = new UserTestKit(address, settings);
        kit.Ok(new CreateUser("Alice Example", "alice@example.com", ["+49 30 1234"], "Sales"));
        return kit;
    }

    /// <summary>Decides and applies, exactly as the entity does after a successful persist.</summary>
    public UserDecision Send(IUserCommand command)
    {
        Last = Decider.Decide(State, command, Now);
        Journal.AddRange(Last.Events);
        State = Last.ApplyTo(State);
        return Last;
    }

    /// <summary>Sends and asserts it was accepted.</summary>
    public UserDecision Ok(IUserCommand command)
    {
        var decision = Send(command);
        Assert.False(decision.IsRejected, $"expected {command.GetType().Name} to be accepted, got {decision.Reply}");
        return decision;
    }

    /// <summary>Sends and asserts the rejection code; also checks nothing was journaled.</summary>
    public CommandRejected Rejected(IUserCommand command, UserErrorCode code)
    {
        var decision = Send(command);
        var rejected = Assert.IsType<CommandRejected>(decision.Reply);
        Assert.Equal(code, rejected.Code);
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Effects);
        return rejected;
    }

    public IUserReply Ask(IUserQuery query) => Decider.Query(State, query, Now);

    public void Advance(TimeSpan by) => Now += by;

    public static EdgeEndpoint Flow(string token = "flow-1", string node = "node-a") => new(node, token);

    public static ContactUpdate Contact(string uri = "sip:alice@192.0.2.10:5060", int expires = 3600, EdgeEndpoint? flow = null,
        string? instance = null, int? regId = null, string? userAgent = "Phone/1.0") =>
        new(uri, expires, instance, regId, null, flow ?? Flow(), null, userAgent);

    public static Register Register(string callId, long cseq, params ContactUpdate[] contacts) => new(callId, cseq, contacts);

    public T Effect<T>() where T : IUserEffect => Assert.Single(Last.Effects.OfType<T>());
}
