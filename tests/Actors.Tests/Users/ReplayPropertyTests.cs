using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

/// <summary>
/// Property: whatever commands arrive, the durable state on the live path (decide, apply events and ephemeral changes)
/// equals the state rebuilt from the journal alone, from scratch or from a mid-way snapshot. Commands come from a
/// seeded generator, so a failing seed reproduces exactly.
/// </summary>
public sealed class ReplayPropertyTests
{
    private static readonly UserAddress[] Peers =
    [
        Bob, Carol, UserAddress.Parse("dave@example.com"), UserAddress.Parse("erin@partner.org"), UserAddress.Parse("frank@other.net"),
    ];

    public static TheoryData<int> Seeds => [1, 2, 3, 42, 1234, 20250310];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Replaying_the_journal_rebuilds_the_live_durable_state(int seed)
    {
        var random = new Random(seed);
        var kit = new UserTestKit(Alice, TestSettings with { MaxBindings = 4, MaxWatchers = 6, ChatHistoryLimit = 12 });
        kit.Ok(new CreateUser("Alice"));
        UserSnapshot? midway = null;
        var journalAtSnapshot = 0;
        var accepted = 0;
        var refreshes = 0;
        var withLive = 0;
        var disabledSteps = 0;

        for (var step = 0; step < 400; step++)
        {
            kit.Advance(TimeSpan.FromSeconds(random.Next(0, 60)));
            var command = NextCommand(random, kit);
            var decision = kit.Send(command);
            accepted += decision.IsRejected ? 0 : 1;
            refreshes += decision.Ephemeral.Count(c => c is BindingRefreshed);
            withLive += kit.State.LiveBindings(kit.Now).Count > 0 ? 1 : 0;
            disabledSteps += kit.State.IsEnabled ? 0 : 1;

            var replayed = UserState.Replay(Alice, kit.Journal);
            Assert.True(
                Durable(kit.State) == Durable(replayed),
                $"seed {seed}, step {step}: live and replayed state differ after {command}");

            if (step == 200)
            {
                midway = UserSnapshot.From(kit.State);
                journalAtSnapshot = kit.Journal.Count;
            }
        }

        Assert.True(accepted > 150, $"seed {seed}: only {accepted} of 400 commands were accepted; the generator is too hostile to test much");
        Assert.True(refreshes > 8, $"seed {seed}: only {refreshes} ephemeral refreshes ({withLive} steps with a live binding, {disabledSteps} disabled); the generator must exercise the unjournaled path");
        var fromSnapshot = ((UserSnapshot)UserManifests.Deserialize(UserSnapshot.Manifest, DomainJson.Serialize(midway!))).ToState();
        foreach (var e in kit.Journal.Skip(journalAtSnapshot))
        {
            var manifest = UserManifests.ManifestOf(e.GetType());
            fromSnapshot = fromSnapshot.Apply((IUserEvent)UserManifests.Deserialize(manifest, DomainJson.Serialize(e)));
        }

        Assert.Equal(Durable(kit.State), Durable(fromSnapshot));
    }

    [Fact]
    public void Live_and_replayed_state_differ_only_in_ephemeral_data()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact(expires: 60)));
        kit.Advance(TimeSpan.FromSeconds(30));
        kit.Ok(Register("call-1", 2, Contact(expires: 60)));
        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "Web", 60));

        var replayed = UserState.Replay(Alice, kit.Journal);

        Assert.Equal(Durable(kit.State), Durable(replayed));
        Assert.NotEmpty(kit.State.Ephemeral.BindingRefreshes);
        Assert.Empty(replayed.Ephemeral.BindingRefreshes);
        Assert.Empty(replayed.Ephemeral.Sessions);
    }

    private static string Durable(UserState state) => DomainJson.Serialize(UserSnapshot.From(state));

    private static IUserCommand NextCommand(Random random, UserTestKit kit)
    {
        var peer = Peers[random.Next(Peers.Length)];
        var contact = $"sip:alice@192.0.2.{random.Next(1, 6)}";
        var flow = Flow($"flow-{random.Next(3)}", $"node-{random.Next(2)}");
        var pendingIds = kit.State.Chat.Messages.Select(m => m.MessageId).ToList();
        // Disabled or removed users reject almost everything: bring them back soon so most steps test something.
        if (!kit.State.IsEnabled && random.Next(4) == 0)
        {
            return kit.State.Status == UserStatus.Active ? new SetUserDisabled(false) : new CreateUser("Alice again");
        }

        var live = kit.State.LiveBindings(kit.Now);
        IUserCommand command = random.Next(34) switch
        {
            29 or 30 or 31 or 32 when live.Count > 0 => Refresh(live[random.Next(live.Count)], random),
            0 or 1 or 2 => Register($"call-{random.Next(3)}", random.Next(1, 20), Contact(contact, random.Next(0, 8) * 60, flow)),
            3 => Register($"call-{random.Next(3)}", random.Next(1, 20), Contact(ContactUpdate.Wildcard, random.Next(2) * 60)),
            4 => new AnnounceSession(Flow($"s{random.Next(3)}", "node-c"), "Web", random.Next(1, 200), random.Next(2) == 0),
            5 => new CloseSession(Flow($"s{random.Next(3)}", "node-c")),
            6 => new SetPresence((Availability)random.Next(0, 4), (PresenceActivity)random.Next(0, 10),
                random.Next(2) == 0 ? null : kit.Now.AddMinutes(random.Next(1, 30))),
            7 => new ClearPresence(),
            8 => new SetNote(random.Next(3) == 0 ? null : $"note {random.Next(5)}"),
            9 => new ReportCallActive($"call-{random.Next(3)}", random.Next(2) == 0 ? null : contact),
            10 => new ReportCallEnded($"call-{random.Next(3)}"),
            11 or 12 => new Subscribe(new EdgeEndpoint("node-b", $"sub-{random.Next(5)}"), peer, DeviceKind.Sip, random.Next(0, 5) * 120),
            13 => new Unsubscribe(new EdgeEndpoint("node-b", $"sub-{random.Next(5)}")),
            14 => new SetContactLevel(peer, random.Next(6) == 5 ? null : (PermissionLevel)random.Next(0, 5)),
            15 => new SetDomainLevel("partner.org", random.Next(6) == 5 ? null : (PermissionLevel)random.Next(0, 5)),
            16 => new ReceiveAuthorizationRequest(peer, "hi"),
            17 => new AcceptAuthorization(peer, (PermissionLevel)random.Next(1, 5)),
            18 => new DenyAuthorization(peer, random.Next(2) == 0),
            19 or 20 => new AcceptMessage($"in-{random.Next(40)}", peer, "hello"),
            21 => new SendMessage($"out-{random.Next(40)}", peer, "hi"),
            22 => new ConfirmDelivery(pendingIds.Count == 0 ? ["none"] : [pendingIds[random.Next(pendingIds.Count)]]),
            23 => new MarkRead(pendingIds.Count == 0 ? ["none"] : [pendingIds[random.Next(pendingIds.Count)]]),
            24 => new RegisterPushDevice("fcm", $"token-{random.Next(3)}", $"p{random.Next(2)}"),
            25 => new SetForwarding((ForwardingKind)random.Next(0, 4), $"sip:fw{random.Next(2)}@example.com"),
            26 => new SetUserDisabled(random.Next(8) == 0),
            27 => new RequestAuthorization(peer),
            28 => random.Next(20) == 0 ? new RemoveUser() : new CreateUser("Alice again"),
            _ => ExpireDue.Instance,
        };

        // A third of the commands carry an id, drawn from a pool small enough that some are resent.
        return random.Next(3) == 0 && command is not ExpireDue ? WithId(command, $"cmd-{random.Next(300)}") : command;
    }

    /// <summary>A REGISTER that only extends a live binding: the ephemeral path the journal must not see.</summary>
    private static Register Refresh(BindingView binding, Random random) =>
        new(binding.CallId, binding.CSeq + 1,
            [new ContactUpdate(binding.ContactUri, random.Next(1, 4) * 60, binding.InstanceId, binding.RegId, binding.Q, binding.Flow, binding.Path, binding.UserAgent)]);

    private static IUserCommand WithId(IUserCommand command, string id) => command switch
    {
        Register c => c with { CommandId = id },
        SetPresence c => c with { CommandId = id },
        SetNote c => c with { CommandId = id },
        AcceptMessage c => c with { CommandId = id },
        SendMessage c => c with { CommandId = id },
        SetContactLevel c => c with { CommandId = id },
        Subscribe c => c with { CommandId = id },
        _ => command,
    };
}
