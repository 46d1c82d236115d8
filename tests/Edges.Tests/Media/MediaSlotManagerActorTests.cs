using System.Net;
using Cluster.Edges.Media;
using Cluster.Edges.Tests.Media.Sdp;
using Cluster.Edges.Tests.Media.Support;
using Cluster.Runtime.Kernel;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Media;

/// <summary>The slot manager through the actor system, with a manual clock for its timers.</summary>
public sealed class MediaSlotManagerActorTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new();
    private ActorSystem system = null!;
    private MediaEdge edge = null!;
    private MessageCollector owner = null!;

    private readonly MediaSettings settings = MediaSettings.Default with
    {
        PortRange = TestRelays.RandomRange(slots: 3),
        BindAddress = IPAddress.Loopback,
        EphemeralRangeCheck = false, // the test range is chosen below the ephemeral range anyway
        SilenceTimeout = TimeSpan.FromSeconds(60),
        SilenceCheckInterval = TimeSpan.FromSeconds(5),
        RetryAfter = TimeSpan.FromSeconds(45),
    };

    public Task InitializeAsync()
    {
        system = ActorSystem.Create("media-test", ActorSystemSettings.Default with { TimeProvider = time });
        edge = MediaEdge.Start(system, settings, "node-1", askTimeout: Timeout.InfiniteTimeSpan);
        owner = new MessageCollector(system, "call-entity");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await system.DisposeAsync();

    private async Task<MediaSlotReserved> Reserve(string callId, string node = "node-1")
    {
        edge.Manager.Tell(new ReserveMediaSlot(callId, node), owner.Ref);
        return await owner.ExpectAsync<MediaSlotReserved>($"slot for {callId}");
    }

    [Fact]
    public async Task Reserve_is_idempotent_and_exhaustion_answers_503_with_retry_after()
    {
        var first = await Reserve("c1");
        Assert.Equal(first.Ports, (await Reserve("c1")).Ports); // a resent command gets the first answer
        await Reserve("c2");
        await Reserve("c3");

        var result = await edge.TryReserveAsync("c4", "node-1");
        Assert.False(result.Succeeded);
        Assert.Equal(MediaReservationFailure.NoFreeSlot, result.Failure!.Reason);
        Assert.Equal(503, result.Failure.SipStatus);
        Assert.Equal(45, result.Failure.RetryAfterSeconds);
        Assert.Contains("all 3 media slots", result.Failure.Message);

        var released = await edge.ReleaseAsync("c2");
        Assert.Equal(MediaReleaseReason.CallEnded, released!.Reason);
        Assert.Null(await edge.ReleaseAsync("c2"));
        Assert.True((await edge.TryReserveAsync("c4", "node-1")).Succeeded);
        var usage = await edge.GetUsageAsync(includeSlots: true);
        Assert.Equal((3, 3, 0), (usage.Capacity, usage.Used, usage.Free));
        Assert.Equal(["c1", "c3", "c4"], usage.Slots.Select(s => s.CallId).Order());
    }

    [Fact]
    public async Task Sdp_is_rewritten_through_the_actor_and_hold_keeps_the_slot()
    {
        var slot = await Reserve("call");
        var offer = await edge.RewriteOfferAsync("call", MediaLeg.A, SampleSdp.AliceOffer);
        Assert.Contains($"m=audio {slot.Ports.RtpPort(MediaLeg.B)} RTP/AVP 0 8 101", offer);
        var answer = await edge.RewriteAnswerAsync("call", MediaLeg.B, SampleSdp.BobAnswer);
        Assert.Contains($"m=audio {slot.Ports.RtpPort(MediaLeg.A)} RTP/AVP 0 101", answer);
        var hold = await edge.RewriteOfferAsync("call", MediaLeg.A, SampleSdp.AliceOffer.Replace("a=sendrecv", "a=inactive"));
        Assert.Contains($"m=audio {slot.Ports.RtpPort(MediaLeg.B)} ", hold);
        Assert.Contains("a=inactive", hold);
        Assert.True((await edge.GetUsageAsync(true)).Slots.Single().OnHold);

        var error = await Assert.ThrowsAsync<Cluster.Edges.Media.Anchoring.SdpRewriteException>(() => edge.RewriteOfferAsync("call", MediaLeg.A, "v=0\r\n"));
        Assert.Contains("SDP line", error.Message);
        await Assert.ThrowsAsync<Cluster.Edges.Media.Anchoring.SdpRewriteException>(() => edge.RewriteOfferAsync("unknown", MediaLeg.A, SampleSdp.AliceOffer));
        Assert.True(await edge.ReplaceLegAsync("call", MediaLeg.B));
        Assert.False(await edge.ReplaceLegAsync("unknown", MediaLeg.B));
    }

    [Fact]
    public async Task Silent_slot_is_released_after_the_timeout_and_the_owner_is_told()
    {
        await Reserve("quiet");
        time.Advance(TimeSpan.FromSeconds(55));
        Assert.Equal(1, (await edge.GetUsageAsync(false)).Used); // not yet: 55 s < 60 s

        time.Advance(TimeSpan.FromSeconds(5));
        var released = await owner.ExpectAsync<MediaSlotReleased>("release for silence");
        Assert.Equal(("quiet", MediaReleaseReason.SilenceTimeout), (released.CallId, released.Reason));
        Assert.Equal(0, (await edge.GetUsageAsync(false)).Used);
    }

    [Fact]
    public async Task Release_all_for_node_frees_only_that_nodes_calls()
    {
        await Reserve("a", "node-2");
        await Reserve("b", "node-3");
        await Reserve("c", "node-2");
        Assert.Equal(2, await edge.ReleaseAllForNodeAsync("node-2"));
        var told = new[] { await owner.ExpectAsync<MediaSlotReleased>("first release"), await owner.ExpectAsync<MediaSlotReleased>("second release") };
        Assert.All(told, r => Assert.Equal(MediaReleaseReason.SignallingNodeDown, r.Reason));
        Assert.Equal(["a", "c"], told.Select(r => r.CallId).Order());
        var usage = await edge.GetUsageAsync(true);
        Assert.Equal("b", usage.Slots.Single().CallId);
        Assert.Equal(0, await edge.ReleaseAllForNodeAsync("node-2"));
    }
}
