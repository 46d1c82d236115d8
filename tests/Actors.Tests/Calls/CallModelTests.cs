using Cluster.Actors.Calls;
using Cluster.Runtime.Hocon;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class CallModelTests
{
    [Theory]
    [InlineData(CallPhase.Initiated, CallTrigger.Forked, false, CallPhase.Proceeding)]
    [InlineData(CallPhase.Proceeding, CallTrigger.Ringing, false, CallPhase.Ringing)]
    [InlineData(CallPhase.Ringing, CallTrigger.EarlyMedia, false, CallPhase.EarlyMedia)]
    [InlineData(CallPhase.EarlyMedia, CallTrigger.Ringing, false, CallPhase.EarlyMedia)]
    [InlineData(CallPhase.Ringing, CallTrigger.Answered, false, CallPhase.Answered)]
    [InlineData(CallPhase.Answered, CallTrigger.HoldChanged, true, CallPhase.Held)]
    [InlineData(CallPhase.Held, CallTrigger.HoldChanged, false, CallPhase.Answered)]
    [InlineData(CallPhase.Held, CallTrigger.TransferStarted, true, CallPhase.Transferring)]
    [InlineData(CallPhase.Transferring, CallTrigger.HoldChanged, true, CallPhase.Transferring)]
    [InlineData(CallPhase.Transferring, CallTrigger.TransferEnded, true, CallPhase.Held)]
    [InlineData(CallPhase.Transferring, CallTrigger.TransferEnded, false, CallPhase.Answered)]
    [InlineData(CallPhase.Ringing, CallTrigger.Ended, false, CallPhase.Ended)]
    public void Allowed_transitions_lead_where_the_diagram_says(CallPhase from, CallTrigger trigger, bool held, CallPhase to) =>
        Assert.Equal(to, CallStateMachine.Transition(from, trigger, held));

    [Theory]
    [InlineData(CallPhase.Ended, CallTrigger.Answered)]
    [InlineData(CallPhase.Ended, CallTrigger.Ended)]
    [InlineData(CallPhase.Initiated, CallTrigger.HoldChanged)]
    [InlineData(CallPhase.Answered, CallTrigger.Ringing)]
    [InlineData(CallPhase.Transferring, CallTrigger.TransferStarted)]
    [InlineData(CallPhase.Answered, CallTrigger.TransferEnded)]
    public void Other_transitions_throw(CallPhase from, CallTrigger trigger)
    {
        Assert.False(CallStateMachine.CanTransition(from, trigger));
        var error = Assert.Throws<InvalidOperationException>(() => CallStateMachine.Transition(from, trigger));
        Assert.Contains(trigger.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=sendonly", true)]
    [InlineData("a=inactive", true)]
    [InlineData("a=recvonly", false)]
    [InlineData("a=sendrecv", false)]
    public void Hold_is_detected_from_the_direction_attribute(string attribute, bool hold) =>
        Assert.Equal(hold, SdpInspector.IsHold($"v=0\r\no=x 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n{attribute}\r\n"));

    [Fact]
    public void Hold_detection_handles_session_level_attributes_null_addresses_and_rejected_streams()
    {
        Assert.True(SdpInspector.IsHold("v=0\r\na=sendonly\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n"));
        Assert.True(SdpInspector.IsHold("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        Assert.False(SdpInspector.IsHold("v=0\r\na=sendonly\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n"));
        Assert.False(SdpInspector.IsHold("v=0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\nm=video 0 RTP/AVP 96\r\na=inactive\r\n"));
        Assert.False(SdpInspector.IsHold(null));
        Assert.Equal([MediaDirection.SendRecv, MediaDirection.Inactive],
            SdpInspector.StreamDirections("v=0\r\nm=audio 1 RTP/AVP 0\r\nm=video 2 RTP/AVP 96\r\na=inactive\r\n"));
    }

    [Fact]
    public void Unchanged_sdp_is_told_by_the_origin_version()
    {
        Assert.True(SdpInspector.IsUnchanged(Sdp("a", 1, "sendrecv"), Sdp("a", 1, "sendonly")));
        Assert.False(SdpInspector.IsUnchanged(Sdp("a", 1, "sendrecv"), Sdp("a", 2, "sendrecv")));
        Assert.False(SdpInspector.IsUnchanged(null, Sdp("a", 1, "sendrecv")));
    }

    [Fact]
    public void Inactive_answer_mirrors_the_offers_streams()
    {
        var answer = SdpInspector.InactiveAnswerFor(OfferA, "42");
        Assert.Contains("m=audio 4000 RTP/AVP 0", answer, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:0 PCMU/8000", answer, StringComparison.Ordinal);
        Assert.Equal([MediaDirection.Inactive], SdpInspector.StreamDirections(answer));
    }

    [Fact]
    public void Leg_call_ids_round_trip_and_foreign_call_ids_do_not_parse()
    {
        var sipCallId = CallLegIds.SipCallIdFor("abc@host", "b3-1f2e");
        Assert.True(CallLegIds.TryParse(sipCallId, out var callId, out var legId));
        Assert.Equal(("abc@host", "b3-1f2e"), (callId, legId));
        Assert.False(CallLegIds.TryParse("a84b4c76e66710@pc33.atlanta.com", out _, out _));
        Assert.False(CallLegIds.TryParse("~x", out _, out _));
        Assert.Throws<ArgumentException>(() => CallLegIds.SipCallIdFor("c", "b~1"));
    }

    [Fact]
    public void Session_timer_deadlines_follow_rfc4028_section_10()
    {
        var timer = new SessionTimer(1800, SessionRefresher.Us, T0);
        Assert.Equal(T0.AddSeconds(900), timer.RefreshDueAt);
        Assert.Equal(T0.AddSeconds(1768), timer.ExpiresAt);
        Assert.Equal(T0.AddSeconds(900), timer.NextDeadline);
        Assert.Equal(T0.AddSeconds(60), new SessionTimer(90, SessionRefresher.Them, T0).ExpiresAt);
        Assert.Equal(new SessionExpires(1800, "uac"), timer.ForRequest());
        Assert.Equal(new SessionExpires(1800, "uas"), timer.ForResponse());
    }

    [Fact]
    public void Reference_conf_gives_the_documented_defaults_and_bad_values_name_the_key()
    {
        var reference = ConfigFactory.FromEmbeddedReferences(typeof(CallSettings).Assembly);
        Assert.Equal(CallSettings.Default with { LocalDomains = [] }, CallSettings.FromConfig(reference) with { LocalDomains = [] });
        Assert.Empty(CallSettings.FromConfig(reference).LocalDomains);

        var custom = CallSettings.FromConfig(ConfigFactory.ParseString("uc.calls { local-domains = [\"Example.COM\"], session-timer.interval = off }").WithFallback(reference));
        Assert.Equal(["example.com"], custom.LocalDomains);
        Assert.Null(custom.SessionInterval);

        var error = Assert.Throws<ConfigException>(() => CallSettings.FromConfig(ConfigFactory.ParseString("uc.calls.session-timer.min-se = 30s").WithFallback(reference)));
        Assert.Contains("min-se", error.Message, StringComparison.Ordinal);
    }
}
