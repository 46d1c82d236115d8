using System.Collections.Immutable;

namespace Cluster.Actors.Calls;

/// <summary>
/// A bounded log of recent command ids and their replies, the call's copy of the user domain's <c>RecentCommands</c>:
/// at most <see cref="Capacity"/> entries, least recently recorded evicted first, lookups do not renew (a lookup is not
/// journaled and state must stay a function of the journal). A call sees far fewer commands than a user, hence 128.
/// </summary>
public sealed record CallRecentCommands
{
    public const int Capacity = 128;

    public static CallRecentCommands Empty { get; } = new();

    /// <summary>Oldest first.</summary>
    public ImmutableList<RecordedCallCommand> Entries { get; init; } = [];

    public ICallReply? Find(string commandId)
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

    public CallRecentCommands Add(string commandId, ICallReply reply)
    {
        var entries = Entries.RemoveAll(e => e.CommandId == commandId).Add(new RecordedCallCommand(commandId, reply));
        if (entries.Count > Capacity)
        {
            entries = entries.RemoveRange(0, entries.Count - Capacity);
        }

        return this with { Entries = entries };
    }
}

/// <summary>A command id and the reply it got.</summary>
public sealed record RecordedCallCommand(string CommandId, ICallReply Reply);
