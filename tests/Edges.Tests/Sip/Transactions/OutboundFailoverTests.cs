using System.Net;
using Cluster.Edges.Dns.SipLocation;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using Cluster.Edges.Tests.Sip.Transactions.Support;
using static Cluster.Edges.Tests.Sip.Transactions.Support.TxMessages;

namespace Cluster.Edges.Tests.Sip.Transactions;

/// <summary>RFC 3263 §4.3: targets are tried in order on transport failure, timeout or 503.</summary>
public sealed class OutboundFailoverTests
{
    private static readonly SipTarget Refusing = new(SipTargetTransport.Tcp, new IPEndPoint(IPAddress.Parse("203.0.113.1"), 5060), "a.example.com");
    private static readonly SipTarget Silent = new(SipTargetTransport.Udp, new IPEndPoint(IPAddress.Parse("203.0.113.2"), 5060), "b.example.com");
    private static readonly SipTarget Answering = new(SipTargetTransport.Udp, new IPEndPoint(IPAddress.Parse("203.0.113.3"), 5060), "c.example.com");

    private static Func<SipLocationRequest, CancellationToken, Task<SipLocationResult>> Located(params SipTarget[] targets) =>
        (_, _) => Task.FromResult(new SipLocationResult(targets, null));

    [Fact]
    public async Task Transport_failure_and_timeout_move_on_to_the_next_target()
    {
        var (layer, sender, user, time) = NewLayer();
        sender.FailFor.Add(Refusing.EndPoint);
        var outbound = await SipOutboundRequest.SendAsync(layer, Located(Refusing, Silent, Answering), Outgoing("OPTIONS"),
            SipUri.Parse("sip:example.com"), user);

        // The refused TCP target failed at once; the UDP one is being tried.
        Assert.Equal(Silent.EndPoint, outbound.Current!.Destination.EndPoint);
        Assert.Equal("UDP", outbound.Current.Request.TopVia.Transport);
        time.AdvanceTo(TimeSpan.FromSeconds(32)); // Timer F on the silent target
        Assert.Equal(Answering.EndPoint, outbound.Current!.Destination.EndPoint);
        Assert.Empty(user.Timeouts);
        Assert.Empty(user.TransportErrors);

        var requests = sender.All.Where(s => s.Message.IsRequest).Select(s => s.Message).ToList();
        // One transaction per target that was actually sent to (the refused one never got bytes out), each with its own branch.
        Assert.Equal(2, requests.Select(r => r.TopVia.Branch).Distinct().Count());
        Assert.Equal([Silent.EndPoint, Answering.EndPoint], sender.All.Where(s => s.Message.IsRequest).Select(s => s.Destination!.EndPoint).Distinct());
        Assert.All(requests, r => Assert.Equal(1, r.ViaCount));

        layer.OnInbound(ResponseTo(outbound.Current.Request, 200, "OK"));
        Assert.Equal(200, Assert.Single(user.Responses).Message.StatusCode);
    }

    [Fact]
    public async Task A_503_tries_the_next_target_but_the_last_target_answer_is_reported()
    {
        var (layer, _, user, _) = NewLayer();
        var outbound = await SipOutboundRequest.SendAsync(layer, Located(Silent, Answering), Outgoing("OPTIONS"), SipUri.Parse("sip:example.com"), user);
        layer.OnInbound(ResponseTo(outbound.Current!.Request, 503, "Service Unavailable"));
        Assert.Empty(user.Responses);
        Assert.Equal(Answering.EndPoint, outbound.Current!.Destination.EndPoint);
        layer.OnInbound(ResponseTo(outbound.Current.Request, 503, "Service Unavailable"));
        Assert.Equal(503, Assert.Single(user.Responses).Message.StatusCode);
    }

    [Fact]
    public async Task When_every_target_fails_the_last_failure_is_reported()
    {
        var (layer, sender, user, _) = NewLayer();
        sender.FailFor.Add(Refusing.EndPoint);
        sender.FailFor.Add(Answering.EndPoint);
        await SipOutboundRequest.SendAsync(layer, Located(Refusing, Answering), Outgoing("OPTIONS"), SipUri.Parse("sip:example.com"), user);
        Assert.Single(user.TransportErrors);
    }

    [Fact]
    public async Task A_uri_without_targets_fails_with_the_locator_reason()
    {
        var (layer, _, user, _) = NewLayer();
        var error = await Assert.ThrowsAsync<SipTransportException>(() => SipOutboundRequest.SendAsync(layer,
            (_, _) => Task.FromResult(new SipLocationResult([], "NXDOMAIN for nowhere.example")), Outgoing("OPTIONS"), SipUri.Parse("sip:nowhere.example"), user));
        Assert.Contains("NXDOMAIN", error.Message);
    }
}
