namespace Cluster.Runtime.Persistence;

/// <summary>
/// The events of one <c>Persist</c>/<c>PersistAll</c> call of one actor. The journal stores all of them or none:
/// a recovering actor must never see half of a <c>PersistAll</c>.
/// </summary>
/// <remarks>
/// The events belong to one persistence id and have consecutive sequence numbers, which is what lets the journal
/// detect another writer: if any of the sequence numbers is already taken, the whole write fails with a
/// <see cref="JournalConflictException"/>.
/// </remarks>
public sealed class AtomicWrite
{
    public AtomicWrite(PersistentRepresentation single) : this(new[] { single ?? throw new ArgumentNullException(nameof(single)) })
    {
    }

    public AtomicWrite(IReadOnlyList<PersistentRepresentation> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Count == 0) throw new ArgumentException("an atomic write needs at least one event", nameof(payload));
        var first = payload[0] ?? throw new ArgumentException("event 0 is null", nameof(payload));
        for (var i = 1; i < payload.Count; i++)
        {
            var e = payload[i] ?? throw new ArgumentException($"event {i} is null", nameof(payload));
            if (!string.Equals(e.PersistenceId, first.PersistenceId, StringComparison.Ordinal))
                throw new ArgumentException(
                    $"an atomic write covers one persistence id, got '{first.PersistenceId}' and '{e.PersistenceId}'", nameof(payload));
            if (e.SequenceNr != first.SequenceNr + i)
                throw new ArgumentException(
                    $"sequence numbers of an atomic write must be consecutive: event {i} of '{first.PersistenceId}' has {e.SequenceNr}, expected {first.SequenceNr + i}",
                    nameof(payload));
        }
        Payload = payload;
    }

    public IReadOnlyList<PersistentRepresentation> Payload { get; }

    public string PersistenceId => Payload[0].PersistenceId;

    public long LowestSequenceNr => Payload[0].SequenceNr;

    public long HighestSequenceNr => Payload[^1].SequenceNr;

    public int Count => Payload.Count;
}
