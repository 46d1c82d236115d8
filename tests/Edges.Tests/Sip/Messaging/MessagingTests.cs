using System.Text;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Messaging;
using Cluster.Edges.Tests.Sip.Core.Support;
using Cluster.Edges.Tests.Sip.Transport.Support;

namespace Cluster.Edges.Tests.Sip.Messaging;

/// <summary>MESSAGE (RFC 3428): online delivery over the recipient's flow, offline store and delivery on register, limits.</summary>
public sealed class MessagingTests
{
    private static Task<SipMessage> Message(TestSipClient client, string from, string to, string body, string contentType = "text/plain")
    {
        var callId = SipMessageBuilder.NewTag() + "@im";
        return client.SendAuthenticatedAsync((cseq, auth) =>
        {
            var b = client.NewRequest("MESSAGE", EdgeHarness.Uri(to), EdgeHarness.Uri(from), EdgeHarness.Uri(to), callId, cseq);
            if (auth is not null) b.AddHeader("Authorization", auth);
            return b.SetBody(contentType, Encoding.UTF8.GetBytes(body));
        });
    }

    private static Task<SipMessage> Register(TestSipClient client, string user)
    {
        var callId = SipMessageBuilder.NewTag() + "@reg";
        return client.SendAuthenticatedAsync((cseq, auth) =>
        {
            var b = client.NewRequest("REGISTER", $"sip:{EdgeHarness.Domain}", EdgeHarness.Uri(user), EdgeHarness.Uri(user), callId, cseq)
                .AddHeader("Contact", $"<{client.ContactUri(user)}>").AddHeader("Expires", "600");
            return auth is null ? b : b.AddHeader("Authorization", auth);
        });
    }

    [Theory]
    [InlineData("UDP")]
    [InlineData("TCP")]
    public async Task Message_to_a_registered_user_is_delivered_over_its_flow_and_confirmed(string transport)
    {
        await using var harness = new EdgeHarness();
        var bob = await harness.CreateUserAsync("bob");
        await harness.CreateUserAsync("alice");
        await using var bobPhone = await harness.ClientAsync("bob", transport);
        await using var alicePhone = await harness.ClientAsync("alice", transport);
        Assert.Equal(200, (await Register(bobPhone, "bob")).StatusCode);

        var response = await Message(alicePhone, "alice", "bob", "Lunch at noon?");
        Assert.Equal(200, response.StatusCode);
        var delivered = await bobPhone.NextRequestAsync("the MESSAGE delivered to bob's phone");
        Assert.Equal(SipMethod.Message, delivered.Method);
        Assert.Equal("Lunch at noon?", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Equal("sip:alice@example.com", delivered.From.Uri!.ToString());
        Assert.Equal(bobPhone.ContactUri("bob"), delivered.RequestUri!.ToString());
        await Eventually.True(() => harness.Users.StateOf(bob).Chat.Messages.All(m => m.DeliveredAt is not null),
            "bob's entity to record the delivery after the phone's 200");
    }

    [Fact]
    public async Task Message_to_an_offline_user_is_stored_with_202_and_delivered_when_it_registers()
    {
        await using var harness = new EdgeHarness();
        var bob = await harness.CreateUserAsync("bob");
        await harness.CreateUserAsync("alice");
        await using var alicePhone = await harness.ClientAsync("alice");

        Assert.Equal(202, (await Message(alicePhone, "alice", "bob", "Call me back")).StatusCode);
        Assert.Single(harness.Users.StateOf(bob).Chat.Messages, m => m.IsPendingDelivery);

        await using var bobPhone = await harness.ClientAsync("bob", "TCP");
        Assert.Equal(200, (await Register(bobPhone, "bob")).StatusCode);
        var delivered = await bobPhone.NextRequestAsync("the stored MESSAGE delivered after bob registers");
        Assert.Equal("Call me back", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.NotNull(delivered.GetHeaderValue(SipHeaderKind.Date));
        await Eventually.True(() => !harness.Users.StateOf(bob).Chat.Messages.Any(m => m.IsPendingDelivery),
            "the offline message to be confirmed delivered");
    }

    [Fact]
    public async Task A_user_registered_on_node_A_gets_messages_sent_through_node_B()
    {
        await using var harness = new EdgeHarness(nodes: 2);
        var bob = await harness.CreateUserAsync("bob");
        await harness.CreateUserAsync("alice");
        await using var bobPhone = await harness.ClientAsync("bob", "TCP", node: 0);
        await using var alicePhone = await harness.ClientAsync("alice", "UDP", node: 1);
        Assert.Equal(200, (await Register(bobPhone, "bob")).StatusCode);
        Assert.Equal("node1", Assert.Single(harness.Users.StateOf(bob).Bindings.Values).Flow.NodeId);

        Assert.Equal(200, (await Message(alicePhone, "alice", "bob", "via node2")).StatusCode);
        var delivered = await bobPhone.NextRequestAsync("the MESSAGE from node2 delivered through node1's flow");
        Assert.Equal("via node2", Encoding.UTF8.GetString(delivered.Body.Span));
        await Eventually.True(() => harness[0].Counters.MessagesDelivered == 1 && harness[1].Counters.MessagesDelivered == 0,
            "node1 (holding bob's flow) to count the delivery, node2 none");
    }

    [Fact]
    public async Task Oversized_unsupported_and_in_dialog_messages_are_refused()
    {
        await using var harness = new EdgeHarness(s => s with { Messaging = new SipMessagingSettings { MaxBodySize = 16 } });
        await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("bob");
        await using var alicePhone = await harness.ClientAsync("alice");

        Assert.Equal(413, (await Message(alicePhone, "alice", "bob", new string('x', 17))).StatusCode);
        var unsupported = await Message(alicePhone, "alice", "bob", "{}", "application/json");
        Assert.Equal(415, unsupported.StatusCode);
        Assert.Contains("text/plain", unsupported.GetHeaderValue(SipHeaderKind.Accept));
        Assert.Equal(404, (await Message(alicePhone, "alice", "nobody", "hi")).StatusCode);
    }

    [Fact]
    public async Task Html_passes_through_and_composing_indications_are_not_stored_for_offline_users()
    {
        await using var harness = new EdgeHarness();
        var bob = await harness.CreateUserAsync("bob");
        await harness.CreateUserAsync("alice");
        await using var alicePhone = await harness.ClientAsync("alice");
        const string composing = "<?xml version=\"1.0\"?><isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"><state>active</state></isComposing>";

        Assert.Equal(480, (await Message(alicePhone, "alice", "bob", composing, "application/im-iscomposing+xml")).StatusCode);
        Assert.Empty(harness.Users.StateOf(bob).Chat.Messages);

        await using var bobPhone = await harness.ClientAsync("bob");
        Assert.Equal(200, (await Register(bobPhone, "bob")).StatusCode);
        Assert.Equal(200, (await Message(alicePhone, "alice", "bob", "<b>hi</b>", "text/html")).StatusCode);
        var html = await bobPhone.NextRequestAsync("the HTML message");
        Assert.Equal("text/html", html.ContentType);
        Assert.Equal(200, (await Message(alicePhone, "alice", "bob", composing, "application/im-iscomposing+xml")).StatusCode);
        Assert.Equal("application/im-iscomposing+xml", (await bobPhone.NextRequestAsync("the composing indication")).ContentType);
    }
}
