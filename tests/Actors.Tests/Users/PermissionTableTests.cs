using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class PermissionTableTests
{
    private static readonly EffectivePresence Full = new(
        Availability.DoNotDisturb,
        PresenceActivity.Meeting,
        PresenceSource.Explicit,
        "in a workshop",
        T0.AddHours(2),
        "Office Berlin",
        [new DeviceView("sip-1", DeviceKind.Sip, "Phone/1.0", false, false)],
        false);

    [Fact]
    public void Table_lists_every_field_once_with_the_documented_minimum()
    {
        Assert.Equal(
            [
                (PresenceField.CoarseAvailability, PermissionLevel.Public),
                (PresenceField.Availability, PermissionLevel.Company),
                (PresenceField.Activity, PermissionLevel.Company),
                (PresenceField.Note, PermissionLevel.Team),
                (PresenceField.Until, PermissionLevel.Team),
                (PresenceField.Location, PermissionLevel.Personal),
                (PresenceField.Devices, PermissionLevel.Personal),
            ],
            PresenceVisibility.Table);
        Assert.Equal(Enum.GetValues<PresenceField>().Order(), PresenceVisibility.Table.Select(r => r.Field).Order());
    }

    [Fact]
    public void Docs_show_the_same_table_as_the_code()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "domain", "users.md"));
        foreach (var (field, minimum) in PresenceVisibility.Table)
        {
            var cells = Enum.GetValues<PermissionLevel>().Select(l => l >= minimum ? "x" : "-");
            var row = $"| {field} | {string.Join(" | ", cells)} |";
            Assert.Contains(row, docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Blocked_sees_nothing()
    {
        Assert.Null(PresenceVisibility.Filter(Alice, Full, PermissionLevel.Blocked));
    }

    [Fact]
    public void Public_sees_only_coarse_availability()
    {
        var view = PresenceVisibility.Filter(Alice, Full, PermissionLevel.Public)!;
        Assert.Equal(new PresenceView(Alice, PermissionLevel.Public, Availability.Busy, null, null, null, null, null), view);
    }

    [Fact]
    public void Company_adds_exact_availability_and_activity()
    {
        var view = PresenceVisibility.Filter(Alice, Full, PermissionLevel.Company)!;
        Assert.Equal(new PresenceView(Alice, PermissionLevel.Company, Availability.DoNotDisturb, PresenceActivity.Meeting, null, null, null, null), view);
    }

    [Fact]
    public void Team_adds_note_and_until()
    {
        var view = PresenceVisibility.Filter(Alice, Full, PermissionLevel.Team)!;
        Assert.Equal(new PresenceView(Alice, PermissionLevel.Team, Availability.DoNotDisturb, PresenceActivity.Meeting, "in a workshop", T0.AddHours(2), null, null), view);
    }

    [Fact]
    public void Personal_sees_everything_including_devices_and_location()
    {
        var view = PresenceVisibility.Filter(Alice, Full, PermissionLevel.Personal)!;
        Assert.Equal(new PresenceView(Alice, PermissionLevel.Personal, Availability.DoNotDisturb, PresenceActivity.Meeting, "in a workshop",
            T0.AddHours(2), "Office Berlin", [new DeviceView("sip-1", DeviceKind.Sip, "Phone/1.0", false, false)]), view);
    }

    [Theory]
    [InlineData(Availability.Available, Availability.Available)]
    [InlineData(Availability.Away, Availability.Available)]
    [InlineData(Availability.Busy, Availability.Busy)]
    [InlineData(Availability.DoNotDisturb, Availability.Busy)]
    [InlineData(Availability.OnThePhone, Availability.Busy)]
    [InlineData(Availability.Offline, Availability.Offline)]
    public void Coarse_availability_maps_to_available_busy_or_offline(Availability exact, Availability coarse)
    {
        Assert.Equal(coarse, PresenceVisibility.Coarse(exact));
    }

    [Fact]
    public void Levels_resolve_self_contact_domain_colleague_and_foreign_in_that_order()
    {
        var kit = Created();
        var dave = Cluster.Actors.Common.UserAddress.Parse("dave@example.com");
        var erin = Cluster.Actors.Common.UserAddress.Parse("erin@partner.org");
        var frank = Cluster.Actors.Common.UserAddress.Parse("frank@other.net");
        kit.Ok(new SetContactLevel(Bob, PermissionLevel.Team));
        kit.Ok(new SetDomainLevel("partner.org", PermissionLevel.Company));

        Assert.Equal(new WatcherAccess(PermissionLevel.Personal, LevelSource.Self, SubscriptionState.Active), kit.State.AccessFor(Alice));
        Assert.Equal(new WatcherAccess(PermissionLevel.Team, LevelSource.Contact, SubscriptionState.Active), kit.State.AccessFor(Bob));
        Assert.Equal(new WatcherAccess(PermissionLevel.Company, LevelSource.Domain, SubscriptionState.Active), kit.State.AccessFor(erin));
        Assert.Equal(new WatcherAccess(PermissionLevel.Company, LevelSource.SameDomainDefault, SubscriptionState.Active), kit.State.AccessFor(dave));
        Assert.Equal(new WatcherAccess(PermissionLevel.Public, LevelSource.ForeignDefault, SubscriptionState.Active), kit.State.AccessFor(frank));
    }

    [Fact]
    public void A_contact_level_beats_a_blocked_domain_and_a_blocked_contact_is_refused()
    {
        var kit = Created();
        kit.Ok(new SetDomainLevel("partner.org", PermissionLevel.Blocked));
        Assert.Equal(SubscriptionState.Refused, kit.State.AccessFor(Carol).State);

        kit.Ok(new SetContactLevel(Carol, PermissionLevel.Public));
        Assert.Equal(SubscriptionState.Active, kit.State.AccessFor(Carol).State);

        kit.Ok(new SetContactLevel(Bob, PermissionLevel.Blocked));
        Assert.Equal(new WatcherAccess(PermissionLevel.Blocked, LevelSource.Contact, SubscriptionState.Refused), kit.State.AccessFor(Bob));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Cluster.sln not found above {AppContext.BaseDirectory}");
    }
}
