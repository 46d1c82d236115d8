namespace Cluster.Runtime.Persistence;

/// <summary>
/// Another writer already stored an event with this persistence id and sequence number. It means two incarnations
/// of the same entity were alive at once (a stale node, a split brain); the writer that gets this must stop, because
/// its in-memory state no longer matches the journal.
/// </summary>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(string persistenceId, long sequenceNr, string writerUuid)
        : base($"Journal conflict for persistence id '{persistenceId}' at sequence number {sequenceNr}: another writer " +
               $"already holds this sequence number; writer '{writerUuid}' is stale and must stop and recover")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        WriterUuid = writerUuid;
    }

    public string PersistenceId { get; }

    /// <summary>The first sequence number of the rejected write that was already taken.</summary>
    public long SequenceNr { get; }

    /// <summary>The writer whose write was refused (not the one holding the row).</summary>
    public string WriterUuid { get; }
}
