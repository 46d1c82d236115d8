using System.Text;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Tests.Sip.Core.Support;

namespace Cluster.Edges.Tests.Sip.Presence;

/// <summary>PUBLISH (RFC 3903) with PIDF/RPID bodies mapped onto the user's explicit state and note.</summary>
public sealed class PublishTests
{
    private const string AwayPidf =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" " +
        "xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:alice@example.com\">" +
        "<tuple id=\"t1\"><status><basic>open</basic></status></tuple>" +
        "<dm:person id=\"p1\"><rpid:activities><rpid:vacation/></rpid:activities><dm:note>Back Monday</dm:note></dm:person>" +
        "</presence>";

    private static Task<SipMessage> Publish(TestSipClient client, string? body, string expires, string? etag = null, string contentType = "application/pidf+xml")
    {
        var callId = SipMessageBuilder.NewTag() + "@pub";
        return client.SendAuthenticatedAsync((cseq, auth) =>
        {
            var b = client.NewRequest("PUBLISH", EdgeHarness.Uri("alice"), EdgeHarness.Uri("alice"), EdgeHarness.Uri("alice"), callId, cseq)
                .AddHeader("Event", "presence").AddHeader("Expires", expires);
            if (etag is not null) b.AddHeader("SIP-If-Match", etag);
            if (auth is not null) b.AddHeader("Authorization", auth);
            if (body is not null) b.SetBody(contentType, Encoding.UTF8.GetBytes(body));
            return b;
        });
    }

    [Fact]
    public async Task Publish_sets_the_state_and_refresh_modify_and_remove_follow_the_entity_tag()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice");

        var first = await Publish(client, AwayPidf, "600");
        Assert.Equal(200, first.StatusCode);
        var etag = first.GetHeaderValue(SipHeaderKind.SipETag);
        Assert.False(string.IsNullOrEmpty(etag));
        var state = harness.Users.StateOf(alice).Presence;
        Assert.Equal(Availability.Away, state.Explicit!.Availability);
        Assert.Equal(PresenceActivity.Vacation, state.Explicit.Activity);
        Assert.Equal("Back Monday", state.Note);

        var refresh = await Publish(client, null, "900", etag);
        Assert.Equal(200, refresh.StatusCode);
        var refreshedTag = refresh.GetHeaderValue(SipHeaderKind.SipETag);
        Assert.NotEqual(etag, refreshedTag);
        Assert.Equal(412, (await Publish(client, null, "900", etag)).StatusCode); // the old tag is gone (RFC 3903 §6 step 8)

        var removed = await Publish(client, null, "0", refreshedTag);
        Assert.Equal(200, removed.StatusCode);
        Assert.Null(harness.Users.StateOf(alice).Presence.Explicit);
    }

    [Fact]
    public async Task Publish_refuses_bad_bodies_types_and_short_expiry()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice");

        Assert.Equal(400, (await Publish(client, "<presence", "600")).StatusCode);
        Assert.Equal(415, (await Publish(client, "hello", "600", contentType: "text/plain")).StatusCode);
        var brief = await Publish(client, AwayPidf, "10");
        Assert.Equal(423, brief.StatusCode);
        Assert.Equal("60", brief.GetHeaderValue(SipHeaderKind.MinExpires));
        Assert.Equal(412, (await Publish(client, null, "600", "no-such-tag")).StatusCode);
    }
}
