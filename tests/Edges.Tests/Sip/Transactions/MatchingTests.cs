using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Tests.Sip.Transactions.Support;
using static Cluster.Edges.Tests.Sip.Transactions.Support.TxMessages;

namespace Cluster.Edges.Tests.Sip.Transactions;

/// <summary>RFC 3261 §17.2.3 request matching, including the RFC 2543 fallback.</summary>
public sealed class MatchingTests
{
    [Fact]
    public void Same_branch_from_another_sent_by_is_a_different_transaction()
    {
        var (layer, _, user, _) = NewLayer();
        layer.OnInbound(In(Request("OPTIONS", "z9hG4bKsame", sentBy: "198.51.100.7:5062")));
        layer.OnInbound(In(Request("OPTIONS", "z9hG4bKsame", sentBy: "198.51.100.8:5062")));
        Assert.Equal(2, user.Requests.Count);
    }

    [Fact]
    public void Same_branch_with_another_method_is_a_different_transaction()
    {
        var (layer, _, user, _) = NewLayer();
        layer.OnInbound(In(Request("OPTIONS", "z9hG4bKsame")));
        layer.OnInbound(In(Request("INFO", "z9hG4bKsame")));
        Assert.Equal(2, user.Requests.Count);
    }

    [Fact]
    public void Branch_comparison_ignores_the_sent_by_host_case()
    {
        var (layer, _, user, _) = NewLayer();
        layer.OnInbound(In(Request("OPTIONS", "z9hG4bKsame", sentBy: "pc.Example.com:5062")));
        layer.OnInbound(In(Request("OPTIONS", "z9hG4bKsame", sentBy: "PC.example.COM:5062")));
        Assert.Single(user.Requests);
    }

    [Fact]
    public void Rfc2543_request_without_cookie_is_matched_by_its_fields()
    {
        var (layer, sender, user, _) = NewLayer();
        layer.OnInbound(In(Request("OPTIONS", "oldstyle1")));
        user.Requests[0].Tx.Respond(200, "OK");
        layer.OnInbound(In(Request("OPTIONS", "oldstyle1")));
        Assert.Single(user.Requests);
        Assert.Equal(2, sender.All.Count); // the retransmission was answered with the stored final response
    }

    [Fact]
    public void Rfc2543_requests_differing_in_from_tag_call_id_or_cseq_are_new_transactions()
    {
        var (layer, _, user, _) = NewLayer();
        layer.OnInbound(In(Request("OPTIONS", null)));
        layer.OnInbound(In(Request("OPTIONS", null, fromTag: "other")));
        layer.OnInbound(In(Request("OPTIONS", null, callId: "another-call")));
        layer.OnInbound(In(Request("OPTIONS", null, cseq: 2)));
        layer.OnInbound(In(Request("OPTIONS", null, toTag: "x")));
        Assert.Equal(5, user.Requests.Count);
    }

    [Fact]
    public void Rfc2543_ack_matches_the_invite_by_the_to_tag_of_the_response()
    {
        var (layer, sender, user, _) = NewLayer();
        user.OnRequestHook = (tx, _) => tx.Respond(486, "Busy Here");
        layer.OnInbound(In(Request("INVITE", "old-invite")));
        var tx = user.Requests[0].Tx;
        var toTag = sender.All[0].Message.ToTag;

        layer.OnInbound(In(Request("ACK", "old-invite", toTag: "wrong-tag", cseqMethod: "ACK")));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        Assert.Single(user.Acks); // did not match: given to the TU

        layer.OnInbound(In(Request("ACK", "old-invite", toTag: toTag, cseqMethod: "ACK")));
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        Assert.Single(user.Acks);
    }

    [Fact]
    public void Rfc2543_cancel_finds_the_invite()
    {
        var (layer, sender, user, _) = NewLayer();
        layer.OnInbound(In(Request("INVITE", "old-invite")));
        layer.OnInbound(In(Request("CANCEL", "old-invite")));
        Assert.Single(user.Cancels);
        Assert.Contains(sender.All, s => s.Message.StatusCode == 487);
    }

    [Fact]
    public void Branches_are_unique_and_carry_the_magic_cookie()
    {
        var branches = Enumerable.Range(0, 1000).Select(_ => SipBranch.New()).ToHashSet();
        Assert.Equal(1000, branches.Count);
        Assert.All(branches, b => Assert.StartsWith("z9hG4bK", b));
        Assert.All(branches, b => Assert.True(b.Length >= 7 + 24));
    }
}
