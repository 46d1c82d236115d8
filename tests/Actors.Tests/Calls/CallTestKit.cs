using Cluster.Actors.Calls;
using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Tests.Calls;

/// <summary>
/// A call entity without the actor: decides, takes the decision's state like the entity would after persisting, keeps
/// the journal it would write, and plays the SIP parties (builds the edge's commands from the effects it sent).
/// </summary>
internal sealed class CallTestKit
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly UserAddress Alice = UserAddress.Parse("alice@example.com");
    public static readonly UserAddress Bob = UserAddress.Parse("bob@example.com");
    public static readonly UserAddress Carol = UserAddress.Parse("carol@example.com");
    public static readonly EdgeEndpoint FlowA = new("node-a", "flow-a");

    public const string OfferA = "v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    public const string AnswerB = "v=0\r\no=bob 7 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";

    public CallTestKit(CallSettings? settings = null, int seed = 7, string callId = "call-1")
    {
        Decider = new CallDecider(settings ?? CallSettings.Default, new SeededCallEntropy(seed));
        State = CallState.Initial(callId);
    }

    public CallDecider Decider { get; }

    public CallState State { get; private set; }

    public DateTimeOffset Now { get; set; } = T0;

    public List<ICallEvent> Journal { get; } = [];

    public CallDecision Last { get; private set; } = null!;

    /// <summary>Every effect sent so far, in order.</summary>
    public List<ICallEffect> Sent { get; } = [];

    public string CallId => State.CallId;

    public CallDecision Send(ICallCommand command)
    {
        Last = Decider.Decide(State, command, Now);
        Journal.AddRange(Last.Events);
        Sent.AddRange(Last.Effects);
        State = Last.After;
        return Last;
    }

    public CallDecision Ok(ICallCommand command)
    {
        var decision = Send(command);
        Assert.False(decision.IsRejected, $"expected {command.GetType().Name} to be accepted, got {decision.Reply}");
        return decision;
    }

    public CallRejected Rejected(ICallCommand command, CallErrorCode code, int status)
    {
        var decision = Send(command);
        var rejected = Assert.IsType<CallRejected>(decision.Reply);
        Assert.Equal(code, rejected.Code);
        Assert.Equal(status, rejected.Response.Status);
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Effects);
        return rejected;
    }

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Advances to the state's next deadline and fires the timer.</summary>
    public CallDecision FireTimer()
    {
        var at = State.NextDeadline() ?? throw new InvalidOperationException("expected a deadline, none is scheduled");
        if (at > Now)
        {
            Now = at;
        }

        return Ok(TimerDue.Instance);
    }

    public T Effect<T>() where T : ICallEffect => Assert.Single(Last.Effects.OfType<T>());

    public IReadOnlyList<T> Effects<T>() where T : ICallEffect => [.. Last.Effects.OfType<T>()];

    public static IncomingInvite Invite(string? sdp = OfferA, SessionExpires? se = null, bool supportsTimer = false, string key = "tx-invite",
        string callId = "call-1", string fromTag = "atag", string localTag = "ourtag", bool allowsUpdate = true) =>
        new(callId, fromTag, localTag, "sip:bob@example.com", "sip:alice@example.com", "sip:alice@192.0.2.1:5060", ["<sip:edge-a;lr>"], 1, FlowA,
            key, sdp, se, null, supportsTimer, allowsUpdate);

    public static StartCall StartCallToBob(string? sdp = OfferA, SessionExpires? se = null, bool supportsTimer = false) =>
        new(new CallParty("sip:alice@example.com", "Alice", Alice), new CallParty("sip:bob@example.com", "Bob", Bob), Invite(sdp, se, supportsTimer))
        {
            CommandId = "tx-invite",
        };

    public static BindingView Binding(string contact, string node = "node-b", string token = "flow-b1") =>
        new(contact, contact, null, null, null, T0.AddHours(1), 3600, "reg-1", 1, new EdgeEndpoint(node, token), [], "Phone/1.0");

    public static CallTargetsReply Targets(params BindingView[] bindings) =>
        new(Availability.Available, false, bindings, [], [], [], null);

    /// <summary>The outstanding lookup id (from the last LookupTargets sent).</summary>
    public string LookupId => Sent.OfType<LookupTargets>().Last().LookupId;

    /// <summary>Starts Alice → Bob and resolves Bob to the given bindings.</summary>
    public void CallBob(params string[] contacts)
    {
        Ok(StartCallToBob());
        Ok(new TargetsResolved(LookupId, Targets([.. contacts.Select((c, i) => Binding(c, token: $"flow-b{i + 1}"))])));
    }

    /// <summary>The leg the last INVITE to <paramref name="contact"/> went out on.</summary>
    public CallLeg ForkTo(string contact) => Sent.OfType<SendInvite>().Last(i => i.Leg.TargetUri == contact).Leg;

    public static ReceiveResponse Response(CallLeg leg, int status, string? sdp = null, long? cseq = null, SipMethod method = SipMethod.Invite,
        SessionExpires? se = null, bool allowsUpdate = true, int? minSe = null) =>
        new(leg.LegId, method, cseq ?? leg.InviteCSeq, status, SipResponse.ReasonFor(status), sdp, status > 100 ? $"tag-{leg.LegId}" : null,
            leg.TargetUri, [], se, minSe, allowsUpdate, leg.Dialog.SipCallId, leg.Dialog.LocalTag);

    /// <summary>Calls Bob on one device and answers: the call is connected.</summary>
    public CallLeg Connected(string contact = "sip:bob@192.0.2.2")
    {
        CallBob(contact);
        var fork = ForkTo(contact);
        Ok(Response(fork, 180));
        Ok(Response(fork, 200, AnswerB));
        Ok(new ReceiveAck(CallLeg.CallerLegId, 1));
        return State.Legs[fork.LegId];
    }

    public static string Sdp(string origin, long version, string direction, string ip = "192.0.2.9") =>
        $"v=0\r\no={origin} 1 {version} IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na={direction}\r\n";

    public SendResponse ResponseTo(string transactionKey) => Assert.Single(Last.Effects.OfType<SendResponse>(), r => r.TransactionKey == transactionKey);
}
