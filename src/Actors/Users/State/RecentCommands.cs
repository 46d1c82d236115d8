using System.Collections.Immutable;

namespace Cluster.Actors.Users;

/// <summary>
/// A bounded log of recent command ids and their replies (idempotency, design: "answer a duplicate with the first
/// answer"). Holds at most <see cref="Capacity"/> entries and evicts the least recently recorded one; a lookup does not
/// renew an entry because a lookup is not journaled, and state must stay a pure function of the journal.
/// The bound is a constant, not a setting, for the same reason: replaying one journal must give one state.
/// 256 entries cover a client resending for minutes at human rates; a resend older than that is acted on again.
/// </summary>
public sealed record RecentCommands
{
    public const int Capacity = 256;

    public static RecentCommands Empty { get; } = new();

    /// <summary>Oldest first.</summary>
    public ImmutableList<RecordedCommand> Entries { get; init; } = [];

    public IUserReply? Find(string commandId)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].CommandId == commandId)
            {
                return Entries[i].Reply;
            }
        }

        return null;
    }

    public RecentCommands Add(string commandId, IUserReply reply)
    {
        var entries = Entries.RemoveAll(e => e.CommandId == commandId).Add(new RecordedCommand(commandId, reply));
        if (entries.Count > Capacity)
        {
            entries = entries.RemoveRange(0, entries.Count - Capacity);
        }

        return this with { Entries = entries };
    }
}
