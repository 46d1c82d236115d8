using System.Reflection;
using Cluster.Actors.Calls;
using Cluster.Actors.Common;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class CallJsonCompatibilityTests
{
    [Fact]
    public void Every_event_type_is_registered_once_with_a_versioned_call_manifest()
    {
        var eventTypes = typeof(ICallEvent).Assembly.GetTypes().Where(t => typeof(ICallEvent).IsAssignableFrom(t) && !t.IsInterface).ToHashSet();
        var registered = CallManifests.All.Where(r => r.Type != typeof(CallSnapshot)).Select(r => r.Type).ToHashSet();

        Assert.Equal(eventTypes.OrderBy(t => t.Name), registered.OrderBy(t => t.Name));
        Assert.Equal(CallManifests.All.Count, CallManifests.All.Select(r => r.Manifest).Distinct().Count());
        foreach (var (type, manifest) in CallManifests.All)
        {
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            Assert.Matches("^call\\.[a-z-]+\\.v[0-9]+$", manifest);
            Assert.Equal(manifest, type.GetField("Manifest", BindingFlags.Public | BindingFlags.Static)?.GetValue(null));
        }

        Assert.Equal("call.answered.v1", CallManifests.ManifestOf(typeof(CallAnswered)));
        Assert.Equal("call.snapshot.v1", CallManifests.ManifestOf(typeof(CallSnapshot)));
    }

    [Fact]
    public void Events_of_a_real_call_and_its_snapshot_round_trip_through_json()
    {
        var journal = CallEventSamples.Journal();
        var types = journal.Select(e => e.GetType()).ToHashSet();
        Assert.True(types.Count >= 15, $"the sample calls journal only {types.Count} event types");
        foreach (object sample in journal.Cast<object>().Append(CallEventSamples.Snapshot()))
        {
            var manifest = CallManifests.ManifestOf(sample.GetType());
            var json = DomainJson.Serialize(sample);
            var back = CallManifests.Deserialize(manifest, json);
            Assert.IsType(sample.GetType(), back);
            Assert.Equal(json, DomainJson.Serialize(back));
        }
    }

    [Fact]
    public void Only_the_call_record_is_tagged_for_the_projection()
    {
        foreach (var e in CallEventSamples.Journal())
        {
            Assert.Equal(e is CallRecorded ? [CallManifests.RecordTag] : [], CallManifests.TagsOf(e).ToArray());
        }
    }

    [Fact]
    public void A_stored_v1_call_answered_and_hold_changed_payload_still_load()
    {
        const string answered = """
            {"legId":"b1-abcd","callerSdp":"v=0\r\n","callerTimer":{"intervalSeconds":1800,"refresher":"them","refreshedAt":"2025-03-10T09:00:05+00:00"},"at":"2025-03-10T09:00:05+00:00"}
            """;
        var e = Assert.IsType<CallAnswered>(CallManifests.Deserialize("call.answered.v1", answered));
        Assert.Equal(new SessionTimer(1800, SessionRefresher.Them, T0.AddSeconds(5)), e.CallerTimer);

        var hold = Assert.IsType<HoldChanged>(CallManifests.Deserialize("call.hold-changed.v1", """{"side":"b","held":true,"at":"2025-03-10T09:01:00+00:00"}"""));
        Assert.Equal(new HoldChanged(LegSide.B, true, T0.AddMinutes(1)), hold);
    }

    [Fact]
    public void A_stored_v1_call_started_payload_rebuilds_the_callers_leg()
    {
        const string stored = """
            {"callId":"c-1","kind":"sip","caller":{"uri":"sip:alice@example.com","user":"alice@example.com"},
             "callee":{"uri":"sip:bob@example.com","user":"bob@example.com"},
             "callerLeg":{"legId":"a","side":"a","direction":"incoming","kind":"caller","targetUri":"sip:bob@example.com",
               "flow":{"nodeId":"node-a","token":"flow-a"},
               "dialog":{"sipCallId":"c-1","localTag":"t1","remoteTag":"t2","localUri":"sip:bob@example.com","remoteUri":"sip:alice@example.com",
                 "remoteTarget":"sip:alice@192.0.2.1","routeSet":[],"localCSeq":0,"remoteCSeq":1},
               "status":"trying","inviteCSeq":1,"remoteSdp":"v=0\r\n","allowsUpdate":false,"createdAt":"2025-03-10T09:00:00+00:00","inviteKey":"tx-1"},
             "at":"2025-03-10T09:00:00+00:00"}
            """;
        var e = Assert.IsType<CallStarted>(CallManifests.Deserialize("call.started.v1", stored));
        var state = CallState.Initial("c-1").Apply(e);

        Assert.Equal(CallPhase.Initiated, state.Phase);
        Assert.Equal("tx-1", state.CallerLeg!.InviteKey);
        Assert.Equal(Alice, state.Caller!.User);
        Assert.Null(state.CallerLeg.Timer);
    }

    [Fact]
    public void Unknown_manifests_fail_with_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => CallManifests.Deserialize("call.nope.v1", "{}"));
        Assert.Contains("call.nope.v1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CallManifests.ManifestOf(typeof(string)));
    }
}
