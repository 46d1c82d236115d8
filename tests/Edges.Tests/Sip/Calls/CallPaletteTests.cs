using Cluster.Edges.Sip.Commands;
using Cluster.Edges.Tests.Sip.Core.Commands;
using Cluster.Runtime.Commands;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Calls;

/// <summary><c>uc call list</c> and <c>uc call show</c> against a real call placed through the edge.</summary>
public sealed class CallPaletteTests
{
    [Fact]
    public async Task Live_call_is_listed_and_shown_with_its_legs_and_after_the_bye_its_record_is()
    {
        await using var h = await CallEdgeHarness.StartAsync();
        var alice = await h.PhoneAsync("alice");
        var bob = await h.PhoneAsync("bob");
        var palette = CallPalette.Create(h.Calls.Gateway, h.Calls.Listing);
        var call = await SipCallEndToEndTests.ConnectAsync(h, alice, bob);

        var live = Assert.Single((await PaletteRunner.RunAsync(palette, "list", "--active")).Tables);
        var row = Assert.Single(live.Rows);
        Assert.Equal(call.CallId, row[0]);
        Assert.Equal("answered", row[1]);
        Assert.Equal("sip:alice@example.com", row[2]);

        var shown = await PaletteRunner.RunAsync(palette, "show", call.CallId);
        var section = shown.Items.OfType<System.Text.Json.Nodes.JsonNode>().Single().ToJsonString();
        Assert.Contains("answered", section);
        var legs = Assert.Single(shown.Tables);
        Assert.Equal(["a", "b"], legs.Rows.Select(r => ((string)r[0]!)[..1]));

        await alice.SendAndWaitFinalAsync(alice.Request("BYE", call.AliceTarget, bob.Aor, call.CallId, alice.NextCSeq(), call.AliceTag, call.AliceRemoteTag), "BYE");
        var bye = await bob.RequestAsync("BYE", "the BYE relayed to Bob");
        await bob.RespondAsync(bye, 200, "OK", "bobtag");
        await Deadline.Until(() => h.Calls.Listing.Record(call.CallId) is not null, "the call record to reach the listing");

        var ended = Assert.Single((await PaletteRunner.RunAsync(palette, "list", "--ended")).Tables);
        Assert.Equal([call.CallId, "ended", "completed"], new[] { ended.Rows[0][0], ended.Rows[0][1], ended.Rows[0][7] });
        Assert.Empty(Assert.Single((await PaletteRunner.RunAsync(palette, "list", "--active")).Tables).Rows);
    }

    [Fact]
    public async Task Show_of_an_unknown_call_fails_with_a_clear_message()
    {
        await using var h = await CallEdgeHarness.StartAsync();
        var palette = CallPalette.Create(h.Calls.Gateway, h.Calls.Listing);

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => PaletteRunner.RunAsync(palette, "show", "no-such-call"));

        Assert.Equal("no such call no-such-call", error.Message);
    }
}
