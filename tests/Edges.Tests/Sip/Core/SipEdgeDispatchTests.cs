using System.Text;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Tests.Sip.Core.Support;

namespace Cluster.Edges.Tests.Sip.Core;

/// <summary>The core's RFC 3261 §8.2 checks and method dispatch, over loopback UDP.</summary>
public sealed class SipEdgeDispatchTests
{
    private static async Task<SipMessage> Send(TestSipClient client, string method, string uri = "sip:alice@example.com",
        Action<SipMessageBuilder>? amend = null)
    {
        var b = client.NewRequest(method, uri, "sip:bob@example.com", uri.StartsWith("sip:", StringComparison.Ordinal) ? uri : "sip:alice@example.com");
        amend?.Invoke(b);
        return await client.SendAsync(b);
    }

    [Theory]
    [InlineData("INVITE")]
    [InlineData("BYE")]
    [InlineData("REFER")]
    [InlineData("UPDATE")]
    [InlineData("INFO")]
    [InlineData("PRACK")]
    public async Task Call_methods_are_answered_501_through_the_call_hook(string method)
    {
        await using var harness = new EdgeHarness();
        await using var client = await harness.ClientAsync("bob");
        Assert.Equal(501, (await Send(client, method)).StatusCode);
    }

    [Fact]
    public async Task Unknown_method_gets_405_with_allow()
    {
        await using var harness = new EdgeHarness();
        await using var client = await harness.ClientAsync("bob");
        var response = await Send(client, "FROBNICATE");
        Assert.Equal(405, response.StatusCode);
        Assert.Equal(["REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE", "OPTIONS"], response.GetListValues(SipHeaderKind.Allow).Select(v => v.Trim()));
    }

    [Fact]
    public async Task Max_forwards_zero_gets_483_except_for_options()
    {
        await using var harness = new EdgeHarness();
        await using var client = await harness.ClientAsync("bob");
        Assert.Equal(483, (await Send(client, "MESSAGE", amend: b => { b.RemoveHeaders(SipHeaderKind.MaxForwards); b.AddHeader("Max-Forwards", "0"); })).StatusCode);
        var options = await Send(client, "OPTIONS", amend: b => { b.RemoveHeaders(SipHeaderKind.MaxForwards); b.AddHeader("Max-Forwards", "0"); });
        Assert.Equal(200, options.StatusCode);
        Assert.Contains("presence", options.GetHeaderValue(SipHeaderKind.AllowEvents));
    }

    [Fact]
    public async Task Unknown_required_extension_gets_420_naming_it()
    {
        await using var harness = new EdgeHarness();
        await using var client = await harness.ClientAsync("bob");
        var response = await Send(client, "REGISTER", "sip:example.com", b => b.AddHeader("Require", "outbound, 100rel, foo"));
        Assert.Equal(420, response.StatusCode);
        Assert.Equal("100rel, foo", response.GetHeaderValue(SipHeaderKind.Unsupported));
    }

    [Fact]
    public async Task Tel_request_uri_gets_416()
    {
        await using var harness = new EdgeHarness();
        await using var client = await harness.ClientAsync("bob");
        Assert.Equal(416, (await Send(client, "MESSAGE", "tel:+4930123456")).StatusCode);
    }

    [Fact]
    public async Task Request_that_passed_this_node_before_gets_482()
    {
        await using var harness = new EdgeHarness();
        await using var client = await harness.ClientAsync("bob");
        var sentBy = harness.Edge.Transport.GetSentBy(Cluster.Edges.Sip.Transport.SipTransportKind.Udp);
        var looped = await Send(client, "MESSAGE", amend: b => b.AddHeader("Via", $"SIP/2.0/UDP {sentBy};branch=z9hG4bKearlier"));
        Assert.Equal(482, looped.StatusCode);
    }

    [Fact]
    public async Task Merged_request_on_a_second_branch_gets_482()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("bob");
        await using var client = await harness.ClientAsync("bob");
        SipMessageBuilder Copy(string branch) =>
            SipMessageBuilder.Request("OPTIONS", "sip:alice@example.com")
                .AddHeader("Via", $"SIP/2.0/UDP {client.Local.Address}:{client.Local.Port};branch={branch};rport")
                .AddHeader("Max-Forwards", "70").AddHeader("From", "<sip:bob@example.com>;tag=m1").AddHeader("To", "<sip:alice@example.com>")
                .AddHeader("Call-ID", "merged@test").AddHeader("CSeq", "7 OPTIONS");
        Assert.Equal(200, (await client.SendAsync(Copy("z9hG4bKpath1"))).StatusCode);
        Assert.Equal(482, (await client.SendAsync(Copy("z9hG4bKpath2"))).StatusCode);
    }

    [Fact]
    public async Task Malformed_request_is_answered_400_by_the_transport_and_never_reaches_a_handler()
    {
        await using var harness = new EdgeHarness();
        await using var client = await harness.ClientAsync("bob");
        var before = harness.Edge.Counters.Requests;
        var raw = Encoding.ASCII.GetBytes(
            $"MESSAGE sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP {client.Local.Address}:{client.Local.Port};branch=z9hG4bKbad\r\n" +
            "From: <sip:bob@example.com>;tag=1\r\nTo: <sip:alice@example.com>\r\nCall-ID: bad@test\r\nCSeq: 1 MESSAGE\r\nContent-Length: 999\r\n\r\n");
        var b = client.NewRequest("OPTIONS", "sip:alice@example.com", "sip:bob@example.com", "sip:alice@example.com");
        await client.SendRawAsync(raw);
        Assert.Equal(200, (await client.SendAsync(b)).StatusCode);
        Assert.Equal(before + 1, harness.Edge.Counters.Requests);
    }
}
