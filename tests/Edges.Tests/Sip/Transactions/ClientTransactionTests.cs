using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Tests.Sip.Transactions.Support;
using static Cluster.Edges.Tests.Sip.Transactions.Support.TxMessages;

namespace Cluster.Edges.Tests.Sip.Transactions;

public sealed class ClientTransactionTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Invite_over_udp_is_resent_on_timer_A_doubling_and_times_out_on_timer_B()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("INVITE"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);

        time.AdvanceTo(TimeSpan.FromSeconds(31.9));
        // RFC 3261 §17.1.1.2: A = T1, 2T1, 4T1... with no T2 cap: 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], sender.TimesOf(m => m.Method == SipMethod.Invite));
        Assert.Empty(user.Timeouts);

        time.AdvanceTo(TimeSpan.FromSeconds(32)); // Timer B = 64*T1
        Assert.Same(tx, Assert.Single(user.Timeouts));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, layer.Count);
        Assert.Equal(6, layer.Counters.Retransmissions);
        Assert.Equal(1, layer.Counters.Timeouts);
    }

    [Fact]
    public void Invite_over_reliable_transport_is_sent_once_and_still_times_out()
    {
        var (layer, sender, user, time) = NewLayer();
        layer.StartClient(layer.CreateRequest(Outgoing("INVITE"), Cluster.Edges.Sip.Transport.SipTransportKind.Tcp), TcpTarget, user);
        time.AdvanceTo(TimeSpan.FromSeconds(40));
        Assert.Equal([0], sender.TimesOf(m => m.Method == SipMethod.Invite));
        Assert.Single(user.Timeouts);
    }

    [Fact]
    public void Provisional_response_stops_invite_retransmissions_and_timer_B()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("INVITE"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        time.AdvanceTo(TimeSpan.FromSeconds(1));
        layer.OnInbound(ResponseTo(tx.Request, 180, "Ringing"));
        time.AdvanceTo(TimeSpan.FromSeconds(120));
        Assert.Equal([0, 0.5], sender.TimesOf(m => m.Method == SipMethod.Invite));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.Equal(180, Assert.Single(user.Responses).Message.StatusCode);
        Assert.Empty(user.Timeouts);
    }

    [Fact]
    public void Non_2xx_final_is_acked_by_the_transaction_with_the_same_branch_and_the_response_To()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("INVITE"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        var busy = ResponseTo(tx.Request, 486, "Busy Here", toTag: "callee9");
        layer.OnInbound(busy);

        var ack = Assert.Single(sender.All, s => s.Message.Method == SipMethod.Ack).Message;
        Assert.Equal(tx.Request.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(1, ack.ViaCount);
        Assert.Equal(tx.Request.RequestUri!.ToString(), ack.RequestUri!.ToString());
        Assert.Equal("callee9", ack.ToTag);
        Assert.Equal(tx.Request.FromTag, ack.FromTag);
        Assert.Equal(tx.Request.CallId, ack.CallId);
        Assert.Equal(new SipCSeq(1, SipMethod.Ack, "ACK"), ack.CSeq);
        Assert.Equal("<sip:proxy.example.com;lr>", ack.GetHeaderValue("Route"));
        Assert.Equal(SipTransactionState.Completed, tx.State);

        // A retransmitted 486 is ACKed again and not passed up; Timer D (32 s) then ends the transaction.
        time.AdvanceTo(TimeSpan.FromSeconds(2));
        layer.OnInbound(ResponseTo(tx.Request, 486, "Busy Here", toTag: "callee9"));
        Assert.Equal(2, sender.All.Count(s => s.Message.Method == SipMethod.Ack));
        Assert.Single(user.Responses);
        Assert.Equal([0], sender.TimesOf(m => m.Method == SipMethod.Invite));
        time.AdvanceTo(TimeSpan.FromSeconds(31.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        time.AdvanceTo(TimeSpan.FromSeconds(32));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Timer_D_is_zero_over_a_reliable_transport()
    {
        var (layer, _, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("INVITE"), Cluster.Edges.Sip.Transport.SipTransportKind.Tcp), TcpTarget, user);
        layer.OnInbound(ResponseTo(tx.Request, 603, "Decline"));
        time.Advance(TimeSpan.Zero);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Two_hundred_and_its_retransmissions_reach_the_TU_until_timer_M()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("INVITE"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        layer.OnInbound(ResponseTo(tx.Request, 200, "OK"));
        Assert.Equal(SipTransactionState.Accepted, tx.State);
        time.AdvanceTo(TimeSpan.FromSeconds(1));
        layer.OnInbound(ResponseTo(tx.Request, 200, "OK"));
        Assert.Equal(2, user.Responses.Count);
        Assert.DoesNotContain(sender.All, s => s.Message.Method == SipMethod.Ack); // the TU ACKs a 2xx, not the transaction
        Assert.Equal([0], sender.TimesOf(m => m.Method == SipMethod.Invite));
        time.AdvanceTo(TimeSpan.FromSeconds(32));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        layer.OnInbound(ResponseTo(tx.Request, 200, "OK"));
        Assert.Single(user.Unmatched); // after Timer M a stray 2xx goes to the core
    }

    [Fact]
    public void Non_invite_is_resent_on_timer_E_capped_at_T2_and_times_out_on_timer_F()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("OPTIONS"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        time.AdvanceTo(TimeSpan.FromSeconds(31.9));
        // RFC 3261 §17.1.2.2: E = T1, 2T1, 4T1, then T2 (4 s) until F.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], sender.TimesOf(m => m.Method == SipMethod.Options));
        time.AdvanceTo(TimeSpan.FromSeconds(32));
        Assert.Same(tx, Assert.Single(user.Timeouts));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Non_invite_in_proceeding_is_resent_every_T2()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("REGISTER"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        time.AdvanceTo(TimeSpan.FromSeconds(0.7));
        layer.OnInbound(ResponseTo(tx.Request, 100, "Trying"));
        time.AdvanceTo(TimeSpan.FromSeconds(10));
        // Fires at 0.5 (Trying, next 1 s later), 1.5 (now Proceeding: next is T2), 5.5, 9.5.
        Assert.Equal([0, 0.5, 1.5, 5.5, 9.5], sender.TimesOf(m => m.Method == SipMethod.Register));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
    }

    [Fact]
    public void Non_invite_final_response_completes_absorbs_retransmissions_and_ends_after_T4()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("OPTIONS"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        layer.OnInbound(ResponseTo(tx.Request, 200, "OK"));
        layer.OnInbound(ResponseTo(tx.Request, 200, "OK"));
        Assert.Single(user.Responses);
        Assert.Equal(1, layer.Counters.Absorbed);
        time.AdvanceTo(TimeSpan.FromSeconds(4.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        Assert.Equal([0], sender.TimesOf(m => m.Method == SipMethod.Options));
        time.AdvanceTo(TimeSpan.FromSeconds(5)); // Timer K = T4
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, layer.Count);
    }

    [Fact]
    public void Transport_error_terminates_the_transaction_and_tells_the_TU()
    {
        var (layer, sender, user, _) = NewLayer();
        sender.Fail = true;
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("OPTIONS"), Cluster.Edges.Sip.Transport.SipTransportKind.Tcp), TcpTarget, user);
        Assert.Contains("connection refused", Assert.Single(user.TransportErrors).Message);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, layer.Count);
        Assert.Equal(1, layer.Counters.TransportErrors);
    }

    [Fact]
    public void Cancel_waits_for_a_provisional_response_then_goes_out_with_the_invite_branch()
    {
        var (layer, sender, user, time) = NewLayer();
        var tx = (SipInviteClientTransaction)layer.StartClient(layer.CreateRequest(Outgoing("INVITE"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        Assert.True(tx.Cancel());
        Assert.DoesNotContain(sender.All, s => s.Message.Method == SipMethod.Cancel); // RFC 3261 §9.1: not before a 1xx
        layer.OnInbound(ResponseTo(tx.Request, 180, "Ringing"));
        var cancel = Assert.Single(sender.All, s => s.Message.Method == SipMethod.Cancel).Message;
        Assert.Equal(tx.Request.TopVia.Branch, cancel.TopVia.Branch);
        Assert.Equal(new SipCSeq(1, SipMethod.Cancel, "CANCEL"), cancel.CSeq);
        Assert.Equal(tx.Request.RequestUri!.ToString(), cancel.RequestUri!.ToString());
        Assert.Equal(2, layer.Count); // INVITE and CANCEL are separate transactions

        layer.OnInbound(ResponseTo(cancel, 200, "OK")); // matched by branch + CANCEL, not given to the INVITE's TU
        Assert.Single(user.Responses);
        layer.OnInbound(ResponseTo(tx.Request, 487, "Request Terminated"));
        Assert.Equal(487, user.Responses[^1].Message.StatusCode);
        Assert.False(tx.Cancel());
    }

    [Fact]
    public void Response_with_the_right_branch_but_another_method_does_not_match()
    {
        var (layer, _, user, _) = NewLayer();
        var tx = layer.StartClient(layer.CreateRequest(Outgoing("OPTIONS"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        var text = System.Text.Encoding.UTF8.GetString(ResponseTo(tx.Request, 200, "OK").Message.Raw.Span).Replace("1 OPTIONS", "1 INFO");
        layer.OnInbound(In(text));
        Assert.Empty(user.Responses);
        Assert.Single(user.Unmatched);
    }

    [Fact]
    public void Request_without_a_magic_cookie_branch_is_refused()
    {
        var (layer, _, user, _) = NewLayer();
        var ex = Assert.Throws<ArgumentException>(() => layer.StartClient(Parse(Request("OPTIONS", "abc")), UdpTarget, user));
        Assert.Contains("magic cookie", ex.Message);
    }

    [Fact]
    public void Full_table_refuses_new_client_transactions()
    {
        var (layer, _, user, _) = NewLayer(max: 1);
        layer.StartClient(layer.CreateRequest(Outgoing("OPTIONS"), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            layer.StartClient(layer.CreateRequest(Outgoing("OPTIONS", 2), Cluster.Edges.Sip.Transport.SipTransportKind.Udp), UdpTarget, user));
        Assert.Contains("full", ex.Message);
    }
}
