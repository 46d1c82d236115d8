using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Directory;

/// <summary>
/// The company directory as an in-memory projection of user profile events, for "find a colleague" searches by name,
/// address, e-mail or phone number without asking any user entity. The node feeds it from the read journal (events
/// by tag) with <see cref="Apply"/>; clients query it with <see cref="Search"/>.
/// </summary>
/// <remarks>
/// Every searchable field is normalized (<see cref="DirectoryText"/>) and cut into trigrams; a query of three or more
/// characters intersects the posting sets of its trigrams (smallest first) and then checks each candidate for the real
/// substring, so the cost follows the number of plausible matches, not the directory size. Shorter queries match a
/// large share of the directory anyway and are answered by one pass over the entries. Matches are ranked: the
/// name or address starts with the query, then a word starts with it, then it occurs anywhere; ties by name.
/// Thread-safe: one writer (the projection) and any number of concurrent searches.
/// </remarks>
public sealed class DirectoryIndex
{
    /// <summary>Longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 128;

    /// <summary>Largest page a search returns.</summary>
    public const int MaxPageSize = 200;

    private const int GramLength = 3;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<UserAddress, Slot> byAddress = [];
    private readonly Dictionary<string, HashSet<Slot>> postings = new(StringComparer.Ordinal);

    /// <summary>Users in the index, disabled ones included.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return byAddress.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Applies one journaled event of <paramref name="user"/>. Profile events (created, updated, disabled, removed)
    /// change the index; every other event is ignored, so the whole user tag can be fed in.
    /// </summary>
    public void Apply(UserAddress user, IUserEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (user.IsEmpty)
            throw new ArgumentException("the user address is empty", nameof(user));
        gate.EnterWriteLock();
        try
        {
            switch (@event)
            {
                case UserCreated e:
                    Put(new DirectoryEntry(user, e.DisplayName, e.Email, e.PhoneNumbers ?? [], e.Department, Disabled: false));
                    break;
                case ProfileUpdated e:
                    var disabled = byAddress.TryGetValue(user, out var current) && current.Entry.Disabled;
                    Put(new DirectoryEntry(user, e.DisplayName, e.Email, e.PhoneNumbers ?? [], e.Department, disabled));
                    break;
                case UserDisabledChanged e when byAddress.TryGetValue(user, out var slot):
                    slot.Entry = slot.Entry with { Disabled = e.Disabled };
                    break;
                case UserRemoved:
                    Remove(user);
                    break;
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>The entry of <paramref name="user"/>, or null when the directory does not know it.</summary>
    public DirectoryEntry? Find(UserAddress user)
    {
        gate.EnterReadLock();
        try
        {
            return byAddress.TryGetValue(user, out var slot) ? slot.Entry : null;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Finds users whose name, address, e-mail or phone number contains <paramref name="query"/> (case- and
    /// accent-insensitive; numbers compared by digits), best matches first, and returns the page starting at
    /// <paramref name="offset"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The query is empty or longer than <see cref="MaxQueryLength"/>, the offset
    /// is negative, or the limit is outside 1..<see cref="MaxPageSize"/>.</exception>
    public DirectoryPage Search(string query, int offset = 0, int limit = 20, bool includeDisabled = false)
    {
        var text = DirectoryText.Normalize(query);
        if (text.Length == 0)
            throw new ArgumentException("the query is empty", nameof(query));
        if (query.Length > MaxQueryLength)
            throw new ArgumentException($"the query is longer than {MaxQueryLength} characters", nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (limit is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"the limit must be 1..{MaxPageSize}");
        var digits = DirectoryText.LooksLikeNumber(query) ? DirectoryText.Digits(query) : string.Empty;

        var matches = new List<(int Score, DirectoryEntry Entry)>();
        gate.EnterReadLock();
        try
        {
            foreach (var slot in Candidates(text, digits))
            {
                if (slot.Entry.Disabled && !includeDisabled)
                    continue;
                var score = slot.Score(text, digits);
                if (score >= 0)
                    matches.Add((score, slot.Entry));
            }
        }
        finally
        {
            gate.ExitReadLock();
        }

        matches.Sort(static (a, b) =>
        {
            var byScore = a.Score.CompareTo(b.Score);
            if (byScore != 0)
                return byScore;
            var byName = string.Compare(a.Entry.DisplayName, b.Entry.DisplayName, StringComparison.OrdinalIgnoreCase);
            return byName != 0 ? byName : a.Entry.Address.CompareTo(b.Entry.Address);
        });
        var page = matches.Skip(offset).Take(limit).Select(m => m.Entry).ToList();
        return new DirectoryPage(page, matches.Count, offset);
    }

    private IEnumerable<Slot> Candidates(string text, string digits)
    {
        if (text.Length < GramLength && digits.Length < GramLength)
            return byAddress.Values;
        var found = new HashSet<Slot>();
        if (text.Length >= GramLength)
            found.UnionWith(Intersect(text));
        if (digits.Length >= GramLength)
            found.UnionWith(Intersect(digits));
        return found;
    }

    /// <summary>Slots holding every trigram of <paramref name="key"/>: a superset of the real matches.</summary>
    private IEnumerable<Slot> Intersect(string key)
    {
        var sets = new List<HashSet<Slot>>();
        foreach (var gram in Grams(key).Distinct(StringComparer.Ordinal))
        {
            if (!postings.TryGetValue(gram, out var set))
                return [];
            sets.Add(set);
        }
        sets.Sort(static (a, b) => a.Count.CompareTo(b.Count));
        IEnumerable<Slot> result = sets[0];
        for (var i = 1; i < sets.Count; i++)
        {
            var next = sets[i];
            result = result.Where(next.Contains);
        }
        return result.ToList();
    }

    private void Put(DirectoryEntry entry)
    {
        Remove(entry.Address);
        var slot = new Slot(entry);
        byAddress[entry.Address] = slot;
        foreach (var gram in slot.Grams)
        {
            if (!postings.TryGetValue(gram, out var set))
                postings[gram] = set = [];
            set.Add(slot);
        }
    }

    private void Remove(UserAddress address)
    {
        if (!byAddress.Remove(address, out var slot))
            return;
        foreach (var gram in slot.Grams)
        {
            if (postings.TryGetValue(gram, out var set) && set.Remove(slot) && set.Count == 0)
                postings.Remove(gram);
        }
    }

    private static IEnumerable<string> Grams(string key)
    {
        for (var i = 0; i + GramLength <= key.Length; i++)
            yield return key.Substring(i, GramLength);
    }

    /// <summary>An indexed user: the entry, its normalized search keys and their trigrams.</summary>
    private sealed class Slot
    {
        public Slot(DirectoryEntry entry)
        {
            Entry = entry;
            Name = DirectoryText.Normalize(entry.DisplayName);
            Texts = new[] { Name, entry.Address.ToString(), DirectoryText.Normalize(entry.Email) }
                .Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            Numbers = entry.PhoneNumbers.Select(DirectoryText.Digits).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            Grams = Texts.Concat(Numbers).SelectMany(DirectoryIndex.Grams).ToHashSet(StringComparer.Ordinal).ToArray();
        }

        public DirectoryEntry Entry { get; set; }

        public string Name { get; }

        /// <summary>Normalized name, address and e-mail.</summary>
        public string[] Texts { get; }

        /// <summary>Digits of each phone number.</summary>
        public string[] Numbers { get; }

        public string[] Grams { get; }

        /// <summary>0 = name or address starts with the query, 1 = a word starts with it, 2 = contains it, -1 = no match.</summary>
        public int Score(string text, string digits)
        {
            var best = -1;
            foreach (var key in Texts)
                best = Better(best, ScoreIn(key, text, wholeStartCounts: ReferenceEquals(key, Name) || key == Entry.Address.ToString()));
            if (digits.Length > 0)
            {
                foreach (var number in Numbers)
                    best = Better(best, ScoreIn(number, digits, wholeStartCounts: true));
            }
            return best;
        }

        private static int Better(int best, int score) => score < 0 ? best : best < 0 ? score : Math.Min(best, score);

        private static int ScoreIn(string key, string query, bool wholeStartCounts)
        {
            var at = key.IndexOf(query, StringComparison.Ordinal);
            if (at < 0)
                return -1;
            if (at == 0)
                return wholeStartCounts ? 0 : 1;
            for (var i = at; i >= 0; i = i + 1 < key.Length ? key.IndexOf(query, i + 1, StringComparison.Ordinal) : -1)
            {
                if (DirectoryText.IsWordStart(key, i))
                    return 1;
            }
            return 2;
        }
    }
}
