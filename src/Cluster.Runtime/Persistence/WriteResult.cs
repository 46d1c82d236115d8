namespace Cluster.Runtime.Persistence;

/// <summary>How the journal answered one <see cref="AtomicWrite"/>.</summary>
public enum WriteOutcome
{
    /// <summary>Stored durably (as durable as the plugin's settings make it).</summary>
    Ok,

    /// <summary>
    /// Not stored because the events could not be serialized. Nothing was written, the actor's state is unchanged
    /// and it may continue (Akka's <c>OnPersistRejected</c>).
    /// </summary>
    Rejected,

    /// <summary>
    /// Storing failed (database unreachable after the retries, or another writer holds the sequence number). The
    /// events may or may not be stored; the actor must stop and recover (Akka's <c>OnPersistFailure</c>).
    /// </summary>
    Failed,
}

/// <summary>
/// The journal's answer for one <see cref="AtomicWrite"/>, in the order the writes were given. A result instead of
/// an exception, because one call carries writes of many actors and each has its own fate.
/// </summary>
public sealed record WriteResult(WriteOutcome Outcome, Exception? Cause)
{
    public static readonly WriteResult Ok = new(WriteOutcome.Ok, null);

    public static WriteResult Rejected(Exception cause) => new(WriteOutcome.Rejected, cause ?? throw new ArgumentNullException(nameof(cause)));

    public static WriteResult Failed(Exception cause) => new(WriteOutcome.Failed, cause ?? throw new ArgumentNullException(nameof(cause)));

    public bool IsOk => Outcome == WriteOutcome.Ok;
}
