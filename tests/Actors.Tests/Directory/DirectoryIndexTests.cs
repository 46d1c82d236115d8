using System.Diagnostics;
using Cluster.Actors.Common;
using Cluster.Actors.Directory;
using Cluster.Actors.Users;

namespace Cluster.Actors.Tests.Directory;

public sealed class DirectoryIndexTests
{
    private static readonly string[] FirstNames = ["Anna", "Bernd", "Claudia", "Dieter", "Elif", "Frank", "Gisela", "Hans", "Ines", "Jürgen", "Katrin", "Lukas", "Maria", "Nils", "Olga", "Peter"];
    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz"];

    private static UserCreated Created(UserAddress user, string name, params string[] numbers) =>
        new(user, name, $"{user.User}@mail.example.com", numbers, null, DateTimeOffset.UnixEpoch);

    /// <summary>10 000 users: name i = first[i % 16] + last[(i / 16) % 16] + " " + i, number +49 89 5000-i.</summary>
    private static (DirectoryIndex Index, List<DirectoryEntry> All) TenThousand()
    {
        var index = new DirectoryIndex();
        var all = new List<DirectoryEntry>();
        for (var i = 0; i < 10_000; i++)
        {
            var user = UserAddress.Parse($"user{i:D5}@example.com");
            var name = $"{FirstNames[i % 16]} {LastNames[i / 16 % 16]} {i}";
            var number = $"+49 89 5000-{i:D5}";
            index.Apply(user, Created(user, name, number));
            all.Add(new DirectoryEntry(user, name, $"{user.User}@mail.example.com", [number], null, false));
        }
        return (index, all);
    }

    private static int Reference(List<DirectoryEntry> all, string query)
    {
        var q = Normalize(query);
        return all.Count(e => Normalize(e.DisplayName).Contains(q, StringComparison.Ordinal)
            || e.Address.ToString().Contains(q, StringComparison.Ordinal)
            || (e.Email ?? string.Empty).Contains(q, StringComparison.Ordinal));
    }

    private static string Normalize(string s) =>
        new string(s.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray()).ToLowerInvariant();

    [Theory]
    [InlineData("mull")]
    [InlineData("MÜLLER")]
    [InlineData("katrin sch")]
    [InlineData("er 12")]
    [InlineData("user0999")]
    [InlineData("a")]
    [InlineData("ei")]
    [InlineData("zzz")]
    public void Search_over_ten_thousand_users_finds_exactly_the_substring_matches(string query)
    {
        var (index, all) = TenThousand();

        var page = index.Search(query, limit: 200);

        Assert.Equal(Reference(all, query), page.Total);
        Assert.All(page.Entries, e => Assert.True(
            Normalize(e.DisplayName).Contains(Normalize(query)) || e.Address.ToString().Contains(Normalize(query)) || (e.Email ?? "").Contains(Normalize(query)),
            $"{e.DisplayName} does not contain {query}"));
    }

    [Fact]
    public void Prefix_matches_rank_before_word_matches_before_substrings()
    {
        var index = new DirectoryIndex();
        Add(index, "a@example.com", "Markus Ode");
        Add(index, "b@example.com", "Anna Mark");
        Add(index, "c@example.com", "Denmark Lee");

        var names = index.Search("mark").Entries.Select(e => e.DisplayName);

        Assert.Equal(["Markus Ode", "Anna Mark", "Denmark Lee"], names);
    }

    [Fact]
    public void Paging_walks_all_matches_once_in_order()
    {
        var (index, _) = TenThousand();
        var total = index.Search("schmidt", limit: 1).Total;

        var seen = new List<UserAddress>();
        for (var offset = 0; ; offset += 37)
        {
            var page = index.Search("schmidt", offset, 37);
            seen.AddRange(page.Entries.Select(e => e.Address));
            if (!page.HasMore)
                break;
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
        Assert.Equal(624, total); // 39 full blocks of 256 users hold 16 Schmidts each
    }

    [Fact]
    public void Numbers_are_found_by_their_digits_whatever_the_punctuation()
    {
        var (index, _) = TenThousand();

        Assert.Equal("user04711@example.com", Assert.Single(index.Search("5000-04711").Entries).Address.ToString());
        Assert.Equal("user04711@example.com", Assert.Single(index.Search("+49 (89) 500004711").Entries).Address.ToString());
        Assert.Equal(1000, index.Search("500000", limit: 200).Total); // users 0..999: 4989 5000 00xxx
    }

    [Fact]
    public void Profile_updates_disable_and_removal_change_what_is_found()
    {
        var index = new DirectoryIndex();
        var user = Add(index, "anna@example.com", "Anna Schmidt");

        index.Apply(user, new ProfileUpdated("Anna Weber", null, ["+49 30 111"], "Sales"));
        Assert.Equal(0, index.Search("schmidt").Total);
        Assert.Equal("Sales", Assert.Single(index.Search("weber").Entries).Department);

        index.Apply(user, new UserDisabledChanged(true, DateTimeOffset.UnixEpoch));
        Assert.Equal(0, index.Search("weber").Total);
        Assert.Equal(1, index.Search("weber", includeDisabled: true).Total);

        index.Apply(user, new UserRemoved(DateTimeOffset.UnixEpoch));
        Assert.Equal(0, index.Search("weber", includeDisabled: true).Total);
        Assert.Null(index.Find(user));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Other_user_events_are_ignored()
    {
        var index = new DirectoryIndex();
        var user = Add(index, "anna@example.com", "Anna Schmidt");

        index.Apply(user, new NoteSet("in a meeting"));

        Assert.Equal("Anna Schmidt", index.Find(user)!.DisplayName);
    }

    [Theory]
    [InlineData("", 0, 20)]
    [InlineData("   ", 0, 20)]
    [InlineData("anna", -1, 20)]
    [InlineData("anna", 0, 0)]
    [InlineData("anna", 0, 201)]
    public void Bad_search_arguments_are_refused(string query, int offset, int limit)
    {
        Assert.ThrowsAny<ArgumentException>(() => new DirectoryIndex().Search(query, offset, limit));
    }

    [Fact]
    public void A_selective_search_over_ten_thousand_users_takes_well_under_a_millisecond_on_average()
    {
        var (index, _) = TenThousand();
        index.Search("hoffmann 77");
        var watch = Stopwatch.StartNew();
        const int Rounds = 1000;
        for (var i = 0; i < Rounds; i++)
            index.Search(i % 2 == 0 ? "hoffmann 77" : "user0123");
        watch.Stop();

        // Generous bound for a shared CI machine; the point is that selective queries do not scan the directory.
        Assert.True(watch.Elapsed.TotalMilliseconds / Rounds < 2, $"average {watch.Elapsed.TotalMilliseconds / Rounds:0.000} ms per search");
    }

    private static UserAddress Add(DirectoryIndex index, string address, string name)
    {
        var user = UserAddress.Parse(address);
        index.Apply(user, Created(user, name));
        return user;
    }
}
