using Cluster.Actors.Calls;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

/// <summary>
/// Property: whatever SIP traffic arrives, the durable call state on the live path equals the state rebuilt from the
/// journal alone (from scratch, and from a mid-way snapshot through JSON). Traffic comes from a seeded generator that
/// plays caller, forks, transferor and timers, so a failing seed reproduces exactly.
/// </summary>
public sealed class CallReplayPropertyTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 1234, 20250310];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Replaying_the_journal_rebuilds_the_live_durable_state(int seed)
    {
        var random = new Random(seed);
        var answered = 0;
        var ended = 0;
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var call = 0; call < 40; call++)
        {
            var kit = new CallTestKit(CallSettings.Default with { RingTimeout = TimeSpan.FromSeconds(40) }, seed * 100 + call, $"call-{call}");
            var snapshotAt = random.Next(2, 30);
            CallSnapshot? snapshot = null;
            var journalAtSnapshot = 0;
            for (var step = 0; step < 60 && !kit.State.IsEnded; step++)
            {
                kit.Advance(TimeSpan.FromSeconds(random.Next(0, 20)));
                var command = Next(random, kit);
                kit.Send(command);
                Assert.True(Durable(kit.State) == Durable(CallState.Replay(kit.CallId, kit.Journal)),
                    $"seed {seed}, call {call}, step {step}: live and replayed state differ after {command}");
                if (step == snapshotAt)
                {
                    snapshot = (CallSnapshot)CallManifests.Deserialize(CallSnapshot.Manifest, DomainJson.Serialize(CallSnapshot.From(kit.State)));
                    journalAtSnapshot = kit.Journal.Count;
                }
            }

            foreach (var e in kit.Journal)
            {
                kinds.Add(e.GetType().Name);
            }

            answered += kit.State.AnsweredAt is null ? 0 : 1;
            ended += kit.State.IsEnded ? 1 : 0;
            if (snapshot is not null)
            {
                var fromSnapshot = snapshot.ToState();
                foreach (var e in kit.Journal.Skip(journalAtSnapshot))
                {
                    fromSnapshot = fromSnapshot.Apply((ICallEvent)CallManifests.Deserialize(CallManifests.ManifestOf(e.GetType()), DomainJson.Serialize(e)));
                }

                Assert.Equal(Durable(kit.State), Durable(fromSnapshot));
            }
        }

        Assert.True(answered >= 10, $"seed {seed}: only {answered} of 40 calls were answered; the generator is too hostile to test much");
        Assert.True(ended >= 20, $"seed {seed}: only {ended} of 40 calls ended");
        foreach (var kind in new[] { nameof(HoldChanged), nameof(NegotiationStarted), nameof(SdpExchanged), nameof(TransferStarted), nameof(CallRecorded) })
        {
            Assert.True(kinds.Contains(kind), $"seed {seed}: no {kind} was journaled; the generator must reach it (saw {string.Join(", ", kinds.Order())})");
        }
    }

    private static string Durable(CallState state) => DomainJson.Serialize(CallSnapshot.From(state));

    private static readonly int[] ForkStatuses = [100, 180, 183, 200, 200, 200, 200, 486, 480, 603];

    private static ICallCommand Next(Random random, CallTestKit kit)
    {
        var state = kit.State;
        if (!state.Started)
        {
            return StartCallToBob(sdp: random.Next(5) == 0 ? null : OfferA);
        }

        if (state.Ephemeral.Ringing is { LookupId: { } lookupId } group)
        {
            var bindings = Enumerable.Range(0, random.Next(8) == 0 ? 0 : random.Next(1, 3)).Select(i => Binding($"sip:{group.User!.Value.User}@192.0.2.{i + 10}", token: $"f{i}")).ToArray();
            var targets = Targets(bindings) with
            {
                PushDevices = random.Next(4) == 0 ? [new PushDevice("fcm", "p1", null, null, null, T0)] : [],
                Forwarding = random.Next(4) == 0 ? [new ForwardingRule((ForwardingKind)random.Next(4), "sip:carol@example.com", 10)] : [],
            };
            return new TargetsResolved(lookupId, targets);
        }

        var legs = state.Legs.Values.Where(l => l.IsActive).ToList();
        var forks = state.Ephemeral.Forks.Values.Where(f => f.IsPending).ToList();
        var choice = forks.Count > 0 && random.Next(10) < 7 ? 0 : random.Next(13);
        switch (choice)
        {
            case 0 or 1 or 2 when forks.Count > 0:
            {
                var fork = forks[random.Next(forks.Count)];
                var status = ForkStatuses[random.Next(ForkStatuses.Length)];
                return Response(fork, status, status is 183 or 200 ? AnswerB : null, se: random.Next(3) == 0 ? new SessionExpires(600, "uac") : null);
            }

            case 3 or 4 when state.Negotiation is { SentCSeq: > 0 } n:
            {
                var status = new[] { 200, 200, 491, 488 }[random.Next(4)];
                return Response(state.Legs[n.AnswererLegId], status, status == 200 ? Sdp("peer", random.Next(2, 9), "sendrecv") : null,
                    cseq: n.SentCSeq, method: n.Method);
            }

            case 5 or 6 when legs.Count > 0:
            {
                var leg = legs[random.Next(legs.Count)];
                var sdp = random.Next(5) == 0 ? null : Sdp(leg.LegId, random.Next(2, 50), random.Next(2) == 0 ? "sendonly" : "sendrecv");
                return random.Next(3) == 0
                    ? new ReceiveUpdate(leg.LegId, leg.Dialog.RemoteCSeq + 1, $"u{random.Next()}", sdp)
                    : new ReceiveReinvite(leg.LegId, leg.Dialog.RemoteCSeq + 1, $"r{random.Next()}", sdp);
            }

            case 7 when legs.Count > 0:
            {
                var leg = legs[random.Next(legs.Count)];
                return new ReceiveAck(leg.LegId, state.Negotiation?.AckCSeq ?? leg.Dialog.RemoteCSeq, random.Next(2) == 0 ? OfferA : Sdp("ack", 3, "sendonly"));
            }

            case 8 when legs.Count > 0 && random.Next(3) == 0:
            {
                var leg = legs[random.Next(legs.Count)];
                return new ReceiveBye(leg.LegId, leg.Dialog.RemoteCSeq + 1, $"b{random.Next()}");
            }

            case 9 or 12 when legs.Count > 0 && state.Negotiation is null:
            {
                var leg = legs[random.Next(legs.Count)];
                return new ReceiveRefer(leg.LegId, leg.Dialog.RemoteCSeq + 1, $"x{random.Next()}", random.Next(2) == 0 ? "sip:carol@example.com" : "sip:dave@partner.org");
            }

            case 10 when random.Next(8) == 0:
                return new ReceiveCancel("a");
            case 11 when state.Ephemeral.Ringing is { User: { } user }:
                return new TargetRegistered(user, Binding($"sip:{user.User}@198.51.100.7;pn-prid=p1", token: "woken"));
        }

        if (random.Next(3) > 0 && legs.Count > 0)
        {
            var leg = legs[random.Next(legs.Count)];
            return new ReceiveReinvite(leg.LegId, leg.Dialog.RemoteCSeq + 1, $"h{random.Next()}", Sdp(leg.LegId, random.Next(2, 50), random.Next(2) == 0 ? "inactive" : "sendrecv"));
        }

        if (state.NextDeadline() is { } at)
        {
            kit.Now = at > kit.Now ? at : kit.Now;
        }

        return TimerDue.Instance;
    }
}
