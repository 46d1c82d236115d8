using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Tests.Sip.Transactions.Support;
using static Cluster.Edges.Tests.Sip.Transactions.Support.TxMessages;

namespace Cluster.Edges.Tests.Sip.Transactions;

public sealed class ServerTransactionTests
{
    private const string Branch = "z9hG4bKserver1";

    [Fact]
    public void Invite_server_sends_100_Trying_when_the_TU_is_silent_for_200_ms()
    {
        var (layer, sender, user, time) = NewLayer();
        layer.OnInbound(In(Request("INVITE", Branch)));
        var tx = Assert.Single(user.Requests).Tx;
        time.AdvanceTo(TimeSpan.FromMilliseconds(199));
        Assert.Empty(sender.All);
        time.AdvanceTo(TimeSpan.FromMilliseconds(200));
        var trying = Assert.Single(sender.All).Message;
        Assert.Equal(100, trying.StatusCode);
        Assert.Equal(Branch, trying.TopVia.Branch);
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
    }

    [Fact]
    public void Invite_server_sends_no_100_when_the_TU_rang_first_and_resends_the_180_on_a_retransmitted_INVITE()
    {
        var (layer, sender, user, time) = NewLayer();
        user.OnRequestHook = (tx, _) => tx.Respond(180, "Ringing");
        layer.OnInbound(In(Request("INVITE", Branch)));
        time.AdvanceTo(TimeSpan.FromSeconds(1));
        layer.OnInbound(In(Request("INVITE", Branch)));
        Assert.Equal([180, 180], sender.All.Select(s => s.Message.StatusCode));
        Assert.Single(user.Requests); // the retransmission created no second transaction
        Assert.Equal(1, layer.Counters.Absorbed);
        Assert.Equal(sender.All[0].Message.ToTag, sender.All[1].Message.ToTag);
    }

    [Fact]
    public void Invite_server_resends_a_non_2xx_on_timer_G_capped_at_T2_and_reports_no_ACK_on_timer_H()
    {
        var (layer, sender, user, time) = NewLayer();
        user.OnRequestHook = (tx, _) => tx.Respond(486, "Busy Here");
        layer.OnInbound(In(Request("INVITE", Branch)));
        time.AdvanceTo(TimeSpan.FromSeconds(31.9));
        // RFC 3261 §17.2.1: G = T1 doubling to T2: 0, 0.5, 1.5, 3.5, 7.5, then every 4 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], sender.TimesOf(m => m.StatusCode == 486));
        Assert.Empty(user.Failures);
        time.AdvanceTo(TimeSpan.FromSeconds(32)); // Timer H = 64*T1
        var (tx, failure) = Assert.Single(user.Failures);
        Assert.Equal(SipTransactionFailure.AckTimeout, failure);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, layer.Count);
    }

    [Fact]
    public void Ack_for_a_non_2xx_confirms_the_transaction_is_absorbed_and_timer_I_ends_it()
    {
        var (layer, sender, user, time) = NewLayer();
        user.OnRequestHook = (tx, _) => tx.Respond(404, "Not Found");
        layer.OnInbound(In(Request("INVITE", Branch)));
        var tx = user.Requests[0].Tx;
        var toTag = sender.All[0].Message.ToTag;
        time.AdvanceTo(TimeSpan.FromSeconds(0.2));
        layer.OnInbound(In(Request("ACK", Branch, toTag: toTag)));
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        layer.OnInbound(In(Request("ACK", Branch, toTag: toTag)));
        Assert.Empty(user.Acks); // ACKs for a non-2xx are the transaction's, not the TU's
        time.AdvanceTo(TimeSpan.FromSeconds(10));
        Assert.Single(sender.All); // G stopped by the ACK
        Assert.Equal(SipTransactionState.Terminated, tx.State); // Timer I = T4 = 5 s
        Assert.Empty(user.Failures);
    }

    [Fact]
    public void Invite_server_over_tcp_does_not_resend_and_ends_at_once_after_the_ACK()
    {
        var (layer, sender, user, time) = NewLayer();
        user.OnRequestHook = (tx, _) => tx.Respond(486, "Busy Here");
        layer.OnInbound(In(Request("INVITE", Branch, transport: "TCP"), TcpFlow));
        var toTag = sender.All[0].Message.ToTag;
        time.AdvanceTo(TimeSpan.FromSeconds(5));
        Assert.Single(sender.All);
        layer.OnInbound(In(Request("ACK", Branch, toTag: toTag, transport: "TCP"), TcpFlow));
        time.Advance(TimeSpan.Zero);
        Assert.Equal(SipTransactionState.Terminated, user.Requests[0].Tx.State);
    }

    [Fact]
    public void Two_hundred_goes_through_the_transaction_and_its_ACK_reaches_the_TU()
    {
        var (layer, sender, user, time) = NewLayer();
        layer.OnInbound(In(Request("INVITE", Branch)));
        var tx = user.Requests[0].Tx;
        Assert.True(tx.Respond(200, "OK"));
        Assert.Equal(SipTransactionState.Accepted, tx.State);
        layer.OnInbound(In(Request("INVITE", Branch))); // RFC 6026: absorbed, no new transaction
        Assert.Single(user.Requests);
        Assert.Single(sender.All);
        // ACK for a 2xx is its own transaction (new branch) and goes to the TU.
        layer.OnInbound(In(Request("ACK", "z9hG4bKack2xx", toTag: tx.LocalTag)));
        Assert.Single(user.Acks);
        Assert.False(tx.Respond(486, "Busy Here")); // no non-2xx after a 2xx
        time.AdvanceTo(TimeSpan.FromSeconds(32)); // Timer L
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Uas_2xx_is_retransmitted_from_T1_doubling_to_T2_until_the_ACK()
    {
        var (layer, sender, user, time) = NewLayer();
        layer.OnInbound(In(Request("INVITE", Branch)));
        var tx = user.Requests[0].Tx;
        var ok = Parse(System.Text.Encoding.UTF8.GetString(
            SipMessageBuilder.CreateResponse(tx.Request, 200, "OK", tx.LocalTag).AddHeader("Contact", "<sip:bob@192.0.2.10>").ToArray()));
        var retransmitter = layer.SendInvite2xx(tx, ok)!;
        time.AdvanceTo(TimeSpan.FromSeconds(12));
        // RFC 3261 §13.3.1.4: 0, 0.5, 1.5, 3.5, 7.5, 11.5 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5], sender.TimesOf(m => m.StatusCode == 200));
        layer.OnInbound(In(Request("ACK", "z9hG4bKack2xx", toTag: tx.LocalTag)));
        Assert.True(retransmitter.IsAcknowledged);
        Assert.Single(user.Acks);
        time.AdvanceTo(TimeSpan.FromSeconds(60));
        Assert.Equal(6, sender.TimesOf(m => m.StatusCode == 200).Length);
        Assert.False(retransmitter.IsTimedOut);
    }

    [Fact]
    public void Uas_2xx_without_ACK_times_out_after_64_T1()
    {
        var (layer, sender, user, time) = NewLayer();
        layer.OnInbound(In(Request("INVITE", Branch)));
        var tx = user.Requests[0].Tx;
        var ok = Parse(System.Text.Encoding.UTF8.GetString(SipMessageBuilder.CreateResponse(tx.Request, 200, "OK", tx.LocalTag).ToArray()));
        Sip2xxRetransmitter? timedOut = null;
        var retransmitter = layer.SendInvite2xx(tx, ok, r => timedOut = r)!;
        time.AdvanceTo(TimeSpan.FromSeconds(31.9));
        Assert.Null(timedOut);
        time.AdvanceTo(TimeSpan.FromSeconds(32));
        Assert.Same(retransmitter, timedOut);
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], sender.TimesOf(m => m.StatusCode == 200));
    }

    [Fact]
    public void Non_invite_server_absorbs_retransmissions_before_an_answer_resends_the_final_after_and_ends_on_timer_J()
    {
        var (layer, sender, user, time) = NewLayer();
        layer.OnInbound(In(Request("REGISTER", Branch)));
        layer.OnInbound(In(Request("REGISTER", Branch)));
        Assert.Empty(sender.All); // Trying: absorbed silently
        var tx = Assert.Single(user.Requests).Tx;
        tx.Respond(200, "OK");
        Assert.Equal(SipTransactionState.Completed, tx.State);
        layer.OnInbound(In(Request("REGISTER", Branch)));
        Assert.Equal(2, sender.All.Count(s => s.Message.StatusCode == 200));
        Assert.False(tx.Respond(500, "Server Internal Error"));
        time.AdvanceTo(TimeSpan.FromSeconds(31.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        time.AdvanceTo(TimeSpan.FromSeconds(32)); // Timer J = 64*T1 over UDP
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        layer.OnInbound(In(Request("REGISTER", Branch)));
        Assert.Equal(2, user.Requests.Count); // a new transaction after J
    }

    [Fact]
    public void Non_invite_server_over_tcp_ends_right_after_the_final_response()
    {
        var (layer, _, user, time) = NewLayer();
        layer.OnInbound(In(Request("OPTIONS", Branch, transport: "TCP"), TcpFlow));
        var tx = user.Requests[0].Tx;
        tx.Respond(200, "OK");
        time.Advance(TimeSpan.Zero);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Cancel_is_answered_200_the_TU_is_told_and_the_INVITE_gets_487()
    {
        var (layer, sender, user, _) = NewLayer();
        user.OnRequestHook = (tx, _) => tx.Respond(180, "Ringing");
        layer.OnInbound(In(Request("INVITE", Branch)));
        var invite = (SipInviteServerTransaction)user.Requests[0].Tx;
        layer.OnInbound(In(Request("CANCEL", Branch)));
        Assert.Single(user.Cancels);
        Assert.True(invite.IsCancelled);
        var cancelOk = Assert.Single(sender.All, s => s.Message.CSeq.Method == SipMethod.Cancel).Message;
        Assert.Equal(200, cancelOk.StatusCode);
        var terminated = Assert.Single(sender.All, s => s.Message.StatusCode == 487).Message;
        Assert.Equal(SipMethod.Invite, terminated.CSeq.Method);
        Assert.Equal(invite.LocalTag, terminated.ToTag); // same tag as the 180
        Assert.Equal(SipTransactionState.Completed, invite.State);
        Assert.Single(user.Requests); // CANCEL is not handed to the TU as a request
    }

    [Fact]
    public void Cancel_for_an_unknown_transaction_gets_481()
    {
        var (layer, sender, user, _) = NewLayer();
        layer.OnInbound(In(Request("CANCEL", "z9hG4bKnothing")));
        Assert.Equal(481, Assert.Single(sender.All).Message.StatusCode);
        Assert.Empty(user.Cancels);
    }

    [Fact]
    public void Cancel_after_the_final_response_does_not_disturb_the_INVITE()
    {
        var (layer, sender, user, _) = NewLayer();
        user.OnRequestHook = (tx, _) => tx.Respond(486, "Busy Here");
        layer.OnInbound(In(Request("INVITE", Branch)));
        layer.OnInbound(In(Request("CANCEL", Branch)));
        Assert.Empty(user.Cancels);
        Assert.Equal(200, sender.All.Single(s => s.Message.CSeq.Method == SipMethod.Cancel).Message.StatusCode);
        Assert.DoesNotContain(sender.All, s => s.Message.StatusCode == 487);
    }

    [Fact]
    public void Response_send_failure_terminates_and_tells_the_TU()
    {
        var (layer, sender, user, _) = NewLayer();
        layer.OnInbound(In(Request("OPTIONS", Branch, transport: "TCP"), TcpFlow));
        sender.Fail = true;
        user.Requests[0].Tx.Respond(200, "OK");
        Assert.Equal(SipTransactionFailure.TransportError, Assert.Single(user.Failures).Failure);
        Assert.Equal(0, layer.Count);
    }

    [Fact]
    public void Full_table_answers_new_requests_with_503()
    {
        var (layer, sender, user, _) = NewLayer(max: 1);
        layer.OnInbound(In(Request("OPTIONS", "z9hG4bKa")));
        layer.OnInbound(In(Request("OPTIONS", "z9hG4bKb")));
        Assert.Single(user.Requests);
        var refused = Assert.Single(sender.All).Message;
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("z9hG4bKb", refused.TopVia.Branch);
        Assert.Equal(1, layer.Counters.RejectedTableFull);
    }

    [Fact]
    public void A_throwing_TU_is_counted_and_does_not_break_the_layer()
    {
        var (layer, _, user, _) = NewLayer();
        user.OnRequestHook = (_, _) => throw new InvalidOperationException("bug in the core");
        layer.OnInbound(In(Request("OPTIONS", Branch)));
        Assert.Equal(1, layer.Counters.Faults);
        Assert.Equal(1, layer.Count);
    }
}
