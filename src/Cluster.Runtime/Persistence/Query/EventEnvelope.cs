namespace Cluster.Runtime.Persistence.Query;

/// <summary>
/// An event as seen by a projection: the event plus where it came from and its <see cref="Offset"/> (the journal's
/// <c>ordering</c> column), which a projection stores to resume after a restart.
/// </summary>
public sealed record EventEnvelope(
    long Offset,
    string PersistenceId,
    long SequenceNr,
    object Event,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Tags,
    string WriterUuid);
