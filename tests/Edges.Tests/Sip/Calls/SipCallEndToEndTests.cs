using Cluster.Actors.Calls;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Calls;

/// <summary>
/// Calls end to end on real loopback sockets: two registered phones, the SIP edge with <c>SipCallHandler</c>, real call
/// entities (in-memory journal) and the in-process user domain. The ladders are those of docs/domain/calls.md.
/// </summary>
public sealed class SipCallEndToEndTests
{
    private static string NewCallId() => "call-" + SipMessageBuilder.NewTag();

    private static string ContactOf(SipMessage message)
    {
        Assert.True(message.TryGetContacts(out var contacts, out _) && contacts.Count == 1, $"expected one Contact in {message}");
        return contacts[0].Uri!.ToString();
    }

    /// <summary>Alice calls Bob, Bob rings and answers, both ACKs flow; returns what later requests need.</summary>
    internal static async Task<Dialogs> ConnectAsync(CallEdgeHarness h, CallPhone alice, CallPhone bob)
    {
        var callId = NewCallId();
        var aliceTag = "a" + SipMessageBuilder.NewTag();
        var invite = await alice.InviteAsync(bob.Aor, callId, aliceTag, CallPhone.Body("alice", 1, 4000));
        var incoming = await bob.RequestAsync("INVITE", "the INVITE for Bob's phone");
        await bob.RespondAsync(incoming, 180, "Ringing", "bobtag");
        await alice.ResponseAsync(m => m.CallId == callId && m.StatusCode == 180, "180 Ringing relayed to Alice");
        await bob.RespondAsync(incoming, 200, "OK", "bobtag", CallPhone.Body("bob", 1, 5000));
        await bob.RequestAsync("ACK", "the edge's ACK for Bob's 200");
        var ok = await alice.ResponseAsync(m => m.CallId == callId && m.StatusCode == 200 && m.CSeq.MethodToken == "INVITE", "200 OK relayed to Alice");
        Assert.Contains("o=bob 1 1", ok.BodyText);
        await alice.SendAsync(alice.Request("ACK", ContactOf(ok), bob.Aor, callId, invite.CSeq.Number, aliceTag, ok.ToTag));
        await h.UntilPhaseAsync(callId, CallPhase.Answered);
        return new Dialogs(callId, aliceTag, ok.ToTag!, ContactOf(ok), incoming);
    }

    [Fact]
    public async Task Alice_calls_Bob_who_answers_and_Alice_hangs_up()
    {
        await using var h = await CallEdgeHarness.StartAsync();
        var alice = await h.PhoneAsync("alice");
        var bob = await h.PhoneAsync("bob");

        var call = await ConnectAsync(h, alice, bob);

        Assert.True(CallLegIds.TryParse(call.BobInvite.CallId, out var routedTo, out _), "Bob's leg has a Call-ID of ours");
        Assert.Equal(call.CallId, routedTo);
        Assert.Contains("o=alice 1 1", call.BobInvite.BodyText);
        var byeOk = await alice.SendAndWaitFinalAsync(alice.Request("BYE", call.AliceTarget, bob.Aor, call.CallId, alice.NextCSeq(), call.AliceTag, call.AliceRemoteTag), "BYE");
        Assert.Equal(200, byeOk.StatusCode);
        var bye = await bob.RequestAsync("BYE", "the BYE relayed to Bob");
        Assert.Equal("bobtag", bye.ToTag);
        await bob.RespondAsync(bye, 200, "OK", "bobtag");
        await h.UntilPhaseAsync(call.CallId, CallPhase.Ended);
        var view = await h.DescribeAsync(call.CallId);
        Assert.Equal(EndReason.Completed, view.Record!.EndReason);
        Assert.Equal(Disconnector.A, view.Record.DisconnectedBy);
        Assert.Equal(0, h.Handler.PendingServerTransactions);
    }

    [Fact]
    public async Task Busy_callee_gets_the_caller_486()
    {
        await using var h = await CallEdgeHarness.StartAsync();
        var alice = await h.PhoneAsync("alice");
        var bob = await h.PhoneAsync("bob");
        var callId = NewCallId();

        var invite = await alice.InviteAsync(bob.Aor, callId, "atag", CallPhone.Body("alice", 1, 4000));
        var incoming = await bob.RequestAsync("INVITE", "the INVITE for Bob's phone");
        await bob.RespondAsync(incoming, 486, "Busy Here", "bobtag");

        var busy = await alice.ResponseAsync(m => m.CallId == callId && m.StatusCode >= 300, "the final response to Alice");
        Assert.Equal(486, busy.StatusCode);
        await alice.SendAsync(alice.AckForNon2xx(invite, busy));
        await bob.RequestAsync("ACK", "the transaction's ACK for Bob's 486");
        await h.UntilPhaseAsync(callId, CallPhase.Ended);
        Assert.Equal(EndReason.Busy, (await h.DescribeAsync(callId)).Record!.EndReason);
    }

    [Fact]
    public async Task Caller_cancel_cancels_the_ringing_phone_and_the_caller_gets_487()
    {
        await using var h = await CallEdgeHarness.StartAsync();
        var alice = await h.PhoneAsync("alice");
        var bob = await h.PhoneAsync("bob");
        var callId = NewCallId();

        var invite = await alice.InviteAsync(bob.Aor, callId, "atag", CallPhone.Body("alice", 1, 4000));
        var incoming = await bob.RequestAsync("INVITE", "the INVITE for Bob's phone");
        await bob.RespondAsync(incoming, 180, "Ringing", "bobtag");
        await alice.ResponseAsync(m => m.CallId == callId && m.StatusCode == 180, "180 Ringing relayed to Alice");

        var cancelled = await alice.SendAndWaitFinalAsync(alice.CancelFor(invite), "CANCEL");
        Assert.Equal(200, cancelled.StatusCode);
        var terminated = await alice.ResponseAsync(m => m.CallId == callId && m.CSeq.MethodToken == "INVITE" && m.StatusCode >= 300, "487 to Alice's INVITE");
        Assert.Equal(487, terminated.StatusCode);
        var cancel = await bob.RequestAsync("CANCEL", "the CANCEL for Bob's ringing phone");
        await bob.RespondAsync(cancel, 200, "OK", "bobtag");
        await bob.RespondAsync(incoming, 487, "Request Terminated", "bobtag");
        await h.UntilPhaseAsync(callId, CallPhase.Ended);
        Assert.Equal(EndReason.Cancelled, (await h.DescribeAsync(callId)).Record!.EndReason);
    }

    [Fact]
    public async Task Unanswered_call_times_out_with_480_and_the_phone_is_cancelled()
    {
        await using var h = await CallEdgeHarness.StartAsync();
        var alice = await h.PhoneAsync("alice");
        var bob = await h.PhoneAsync("bob");
        var callId = NewCallId();

        await alice.InviteAsync(bob.Aor, callId, "atag", CallPhone.Body("alice", 1, 4000));
        var incoming = await bob.RequestAsync("INVITE", "the INVITE for Bob's phone");
        await bob.RespondAsync(incoming, 180, "Ringing", "bobtag");
        await alice.ResponseAsync(m => m.CallId == callId && m.StatusCode == 180, "180 Ringing relayed to Alice");

        h.CallTime.Advance(CallSettings.Default.RingTimeout + TimeSpan.FromSeconds(1));

        var final = await alice.ResponseAsync(m => m.CallId == callId && m.CSeq.MethodToken == "INVITE" && m.StatusCode >= 300, "the final response after the ring timeout");
        Assert.Equal(480, final.StatusCode);
        var cancel = await bob.RequestAsync("CANCEL", "the CANCEL for Bob's ringing phone");
        await bob.RespondAsync(cancel, 200, "OK", "bobtag");
        await bob.RespondAsync(incoming, 487, "Request Terminated", "bobtag");
        Assert.Equal(EndReason.NoAnswer, (await h.DescribeAsync(callId)).Record!.EndReason);
    }

    [Fact]
    public async Task Hold_and_resume_reinvites_are_relayed_and_change_the_phase()
    {
        await using var h = await CallEdgeHarness.StartAsync();
        var alice = await h.PhoneAsync("alice");
        var bob = await h.PhoneAsync("bob");
        var call = await ConnectAsync(h, alice, bob);

        await ReinviteAsync(h, alice, bob, call, version: 2, aliceDirection: "sendonly", bobDirection: "recvonly");
        var held = await h.DescribeAsync(call.CallId);
        Assert.Equal(CallPhase.Held, held.Phase);
        Assert.True(held.HeldByA);

        await ReinviteAsync(h, alice, bob, call, version: 3, aliceDirection: "sendrecv", bobDirection: "sendrecv");
        var resumed = await h.DescribeAsync(call.CallId);
        Assert.Equal(CallPhase.Answered, resumed.Phase);
        Assert.False(resumed.HeldByA);
    }

    private static async Task ReinviteAsync(CallEdgeHarness h, CallPhone alice, CallPhone bob, Dialogs call, int version, string aliceDirection, string bobDirection)
    {
        var cseq = alice.NextCSeq() + 10;
        var reinvite = alice.Request("INVITE", call.AliceTarget, bob.Aor, call.CallId, cseq, call.AliceTag, call.AliceRemoteTag)
            .SetBody("application/sdp", System.Text.Encoding.UTF8.GetBytes(CallPhone.Body("alice", version, 4000, aliceDirection)));
        await alice.SendAsync(reinvite);
        var relayed = await bob.RequestAsync("INVITE", $"the re-INVITE ({aliceDirection}) relayed to Bob");
        Assert.Contains($"a={aliceDirection}", relayed.BodyText);
        await bob.RespondAsync(relayed, 200, "OK", "bobtag", CallPhone.Body("bob", version, 5000, bobDirection));
        await bob.RequestAsync("ACK", "the edge's ACK for Bob's 200 to the re-INVITE");
        var ok = await alice.ResponseAsync(m => m.CallId == call.CallId && m.CSeq.Number == cseq && m.StatusCode == 200, "200 to Alice's re-INVITE");
        Assert.Contains($"a={bobDirection}", ok.BodyText);
        await alice.SendAsync(alice.Request("ACK", call.AliceTarget, bob.Aor, call.CallId, cseq, call.AliceTag, call.AliceRemoteTag));
        await h.UntilPhaseAsync(call.CallId, aliceDirection == "sendrecv" ? CallPhase.Answered : CallPhase.Held);
    }

    internal sealed record Dialogs(string CallId, string AliceTag, string AliceRemoteTag, string AliceTarget, SipMessage BobInvite);
}
