using System.Collections.Concurrent;
using Cluster.Runtime.Persistence;

namespace Cluster.Runtime.Tests.Persistence.Actors;

/// <summary>Thrown by <see cref="ControllableJournal"/> while it plays a database outage.</summary>
public sealed class SimulatedOutageException() : Exception("database unreachable (simulated outage)");

/// <summary>
/// Wraps a real journal so a test can play an outage (writes answer Failed, reads throw), hold writes or replays
/// until released, and see each write call as the actor issued it.
/// </summary>
public sealed class ControllableJournal(IJournal inner) : IJournal
{
    private volatile bool down;
    private volatile TaskCompletionSource? writeGate;
    private volatile TaskCompletionSource? replayGate;

    /// <summary>Every WriteMessagesAsync call, in arrival order.</summary>
    public ConcurrentQueue<IReadOnlyList<AtomicWrite>> WriteCalls { get; } = new();

    public bool Down
    {
        get => down;
        set => down = value;
    }

    /// <summary>Completes when a write reached the closed write gate.</summary>
    public TaskCompletionSource WriteHeld { get; private set; } = NewSignal();

    /// <summary>Completes when a replay reached the closed replay gate.</summary>
    public TaskCompletionSource ReplayHeld { get; private set; } = NewSignal();

    public void HoldWrites()
    {
        WriteHeld = NewSignal();
        writeGate = NewSignal();
    }

    public void ReleaseWrites() => Interlocked.Exchange(ref writeGate, null)?.TrySetResult();

    public void HoldReplays()
    {
        ReplayHeld = NewSignal();
        replayGate = NewSignal();
    }

    public void ReleaseReplays() => Interlocked.Exchange(ref replayGate, null)?.TrySetResult();

    public async Task<IReadOnlyList<WriteResult>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        WriteCalls.Enqueue(writes);
        if (writeGate is { } gate)
        {
            WriteHeld.TrySetResult();
            await gate.Task;
        }
        if (down) return writes.Select(_ => WriteResult.Failed(new SimulatedOutageException())).ToList();
        return await inner.WriteMessagesAsync(writes, cancellationToken);
    }

    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onReplayed, CancellationToken cancellationToken = default)
    {
        if (replayGate is { } gate)
        {
            ReplayHeld.TrySetResult();
            await gate.Task;
        }
        if (down) throw new SimulatedOutageException();
        await inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default) =>
        down ? Task.FromException<long>(new SimulatedOutageException()) : inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        down ? Task.FromException(new SimulatedOutageException()) : inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;   // the test base disposes the real journal

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
