using Cluster.Actors.Calls;
using Cluster.Actors.Calls.Entity;
using Cluster.Runtime.Persistence.Query;
using Cluster.TestSupport;

namespace Cluster.Actors.Tests.Calls.Entity;

/// <summary>The call entity around the decider: journaling, effects to the node's sinks, lookups, timers, recovery.</summary>
public sealed class CallEntityTests : CallEntityTestBase
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    protected override CallEntitySettings EntitySettings => CallEntitySettings.Default with { PassivateIdleAfter = Idle };

    [Fact]
    public async Task Incoming_call_looks_up_the_callee_and_sends_an_invite_over_its_binding_flow()
    {
        var reply = await Accepted("c1", CallBob("c1"));

        var invite = await Sink.Next<SendInvite>(i => i.CallId == "c1", "the INVITE to Bob's phone");
        Assert.Equal(CallPhase.Initiated, reply.Phase);
        Assert.Equal(BobFlow, invite.Leg.Flow);
        Assert.Equal(BobContact, invite.Leg.TargetUri);
        Assert.Equal(Offer, invite.Sdp);
        Assert.True(CallLegIds.TryParse(invite.Leg.Dialog.SipCallId, out var callId, out var legId));
        Assert.Equal(("c1", invite.Leg.LegId), (callId, legId));
        Assert.Equal([typeof(CallStarted), typeof(CallCommandRecorded)], (await JournalOf("c1")).Select(e => e.GetType()));
    }

    [Fact]
    public async Task Answered_and_ended_call_is_journaled_with_a_tagged_record_and_recovers_after_passivation()
    {
        var bobLeg = await ConnectAsync("c2");
        var ringing = Sink.Taken.OfType<SendResponse>().Where(r => r.CallId == "c2").Select(r => r.Response.Status).ToList();
        Assert.Equal([180, 200], ringing);

        await Accepted("c2", new ReceiveBye(bobLeg.LegId, 1, "tx-bye") { CommandId = "tx-bye" });
        await Sink.Next<SendBye>(b => b.CallId == "c2" && b.Leg.LegId == CallLeg.CallerLegId, "the BYE to Alice");

        var journal = await JournalOf("c2");
        Assert.Contains(journal, e => e is CallAnswered);
        var record = Assert.IsType<CallRecorded>(journal.Single(e => e is CallRecorded)).Record;
        Assert.Equal(EndReason.Completed, record.EndReason);
        var tagged = new List<EventEnvelope>();
        await foreach (var envelope in Components.ReadJournal.CurrentEventsByTag(CallManifests.RecordTag))
        {
            tagged.Add(envelope);
        }

        Assert.Equal("c2", Assert.IsType<CallRecorded>(Assert.Single(tagged).Event).Record.CallId);

        Time.Advance(Idle + TimeSpan.FromSeconds(1));
        await Deadline.Until(() => !IsActive("c2").GetAwaiter().GetResult(), "the ended call to passivate after being idle");

        var view = await Describe("c2");
        Assert.True(view.Exists);
        Assert.Equal(CallPhase.Ended, view.Phase);
        Assert.Equal(EndReason.Completed, view.Record!.EndReason);
    }

    [Fact]
    public async Task Answered_call_survives_a_restart_and_a_bye_after_it_ends_the_call()
    {
        var bobLeg = await ConnectAsync("c3");

        await RestartAsync();

        var view = await Describe("c3");
        Assert.Equal(CallPhase.Answered, view.Phase);
        await Accepted("c3", new ReceiveBye(CallLeg.CallerLegId, 2, "tx-bye-a"));
        var bye = await Sink.Next<SendBye>(b => b.CallId == "c3", "the BYE to Bob after the restart");
        Assert.Equal(bobLeg.LegId, bye.Leg.LegId);
        Assert.Equal(CallPhase.Ended, (await Describe("c3")).Phase);
    }

    [Fact]
    public async Task Duplicate_command_id_gets_the_first_reply_after_a_restart_and_sends_nothing_again()
    {
        await ConnectAsync("c4");
        var bye = new ReceiveBye(CallLeg.CallerLegId, 2, "tx-bye-a") { CommandId = "tx-bye-a" };
        var first = await Accepted("c4", bye);
        await RestartAsync();

        var again = await Accepted("c4", bye);

        Assert.Equal(first, again);
        Assert.Single((await JournalOf("c4")).OfType<CallEnded>());
        Assert.DoesNotContain(Sink.Taken, e => e is SendBye);
    }

    [Fact]
    public async Task Ring_timeout_fires_on_the_keyed_timer_and_the_caller_gets_480()
    {
        await Accepted("c5", CallBob("c5"));
        var invite = await Sink.Next<SendInvite>(i => i.CallId == "c5", "the INVITE to Bob's phone");
        await Accepted("c5", Response(invite.Leg, 180));

        Time.Advance(CallSettings.RingTimeout + TimeSpan.FromSeconds(1));

        var final = await Sink.Next<SendResponse>(r => r.CallId == "c5" && r.Response.Status >= 300, "the final response to Alice");
        Assert.Equal(480, final.Response.Status);
        await Sink.Next<SendCancel>(c => c.CallId == "c5", "the CANCEL to Bob's ringing phone");
        Assert.Equal(CallPhase.Ended, (await Describe("c5")).Phase);
    }

    [Fact]
    public async Task Call_to_an_unknown_user_is_answered_404()
    {
        var start = CallBob("c6") with { Callee = new CallParty("sip:nobody@example.com", null, Cluster.Actors.Common.UserAddress.Parse("nobody@example.com")) };

        await Accepted("c6", start);

        var final = await Sink.Next<SendResponse>(r => r.CallId == "c6" && r.Response.Status >= 300, "the final response to Alice");
        Assert.Equal(404, final.Response.Status);
    }

    [Fact]
    public async Task Command_for_a_call_that_never_started_is_rejected_481_and_journals_nothing()
    {
        var reply = await Send("c7", new ReceiveBye("a", 2, "tx"));

        var rejected = Assert.IsType<CallRejected>(reply);
        Assert.Equal(481, rejected.Response.Status);
        Assert.Empty(await JournalOf("c7"));
    }
}
