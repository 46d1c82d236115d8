using System.Collections.Concurrent;
using Cluster.Runtime.Tests.Remoting.Support;

namespace Cluster.Runtime.Tests.Sharding.Support;

/// <summary>
/// Everything test entities did, in the order they did it, for tests to wait on; plus gates that hold an entity's
/// stop so that a test can send messages while it is passivating.
/// </summary>
internal sealed class EntityProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, int> incarnations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> stopGates = new(StringComparer.Ordinal);

    private long receivedCount;

    public ObservedList<EntityEvent> Events { get; } = new();

    /// <summary>Messages received by all entities so far (cheap to poll, unlike scanning <see cref="Events"/>).</summary>
    public long ReceivedCount => Interlocked.Read(ref receivedCount);

    public void Record(EntityEvent e)
    {
        if (e is EntityReceived) Interlocked.Increment(ref receivedCount);
        Events.Add(e);
    }

    public int NextIncarnation(string entityId) => incarnations.AddOrUpdate(entityId, 1, (_, n) => n + 1);

    /// <summary>Until the returned source completes, <paramref name="entityId"/> does not stop on StopEntity.</summary>
    public TaskCompletionSource HoldStop(string entityId)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stopGates[entityId] = gate;
        return gate;
    }

    public Task StopGate(string entityId) => stopGates.TryGetValue(entityId, out var gate) ? gate.Task : Task.CompletedTask;

    public IReadOnlyList<EntityReceived> Received(string entityId) =>
        Events.Snapshot().OfType<EntityReceived>().Where(e => e.EntityId == entityId).ToList();

    public Task WaitForAsync<T>(string entityId, int incarnation, string expectation) where T : EntityEvent =>
        Events.WaitUntilAsync(events => events.OfType<T>().Any(e => e.EntityId == entityId && e.Incarnation == incarnation), Timeout, expectation);

    public Task WaitForReceivedAsync(string entityId, int count) =>
        Events.WaitUntilAsync(events => events.OfType<EntityReceived>().Count(e => e.EntityId == entityId) >= count, Timeout,
            $"{count} messages received by entity {entityId}");
}
