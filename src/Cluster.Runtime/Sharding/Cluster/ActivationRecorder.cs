using System.Threading.Channels;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;
using Serilog;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>
/// Feeds entity activations and deactivations to the <see cref="DoubleActivationDetector"/> off the shards' threads.
/// Operations on one entity must reach the database in the order they happened (a deactivation overtaking its
/// activation would leave a row behind and make a later, legitimate activation elsewhere look like a double one), so
/// entities are spread over a few lanes by a stable hash of their id and every lane runs its statements one after
/// the other. <see cref="FlushAsync"/> waits for everything queued so far: the locator calls it before it releases a
/// lease, so the next owner never finds rows of entities this node has already stopped.
/// </summary>
internal sealed class ActivationRecorder : IAsyncDisposable
{
    private const int Lanes = 4;
    private readonly DoubleActivationDetector detector;
    private readonly ILogger log;
    private readonly Channel<Operation>[] lanes = new Channel<Operation>[Lanes];
    private readonly Task[] consumers = new Task[Lanes];
    private readonly CancellationTokenSource stopping = new();

    public ActivationRecorder(DoubleActivationDetector detector, ILogger log)
    {
        this.detector = detector;
        this.log = log;
        for (var i = 0; i < Lanes; i++)
        {
            lanes[i] = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
            var lane = lanes[i];
            consumers[i] = Task.Run(() => ConsumeAsync(lane.Reader));
        }
    }

    public void Activated(string typeName, string entityId, UniqueAddress owner, long epoch) =>
        Lane(entityId).Writer.TryWrite(new Operation(typeName, entityId, owner, epoch, true, null));

    public void Deactivated(string typeName, string entityId, UniqueAddress owner) =>
        Lane(entityId).Writer.TryWrite(new Operation(typeName, entityId, owner, 0, false, null));

    /// <summary>Completes when every operation queued before the call has been run (or has failed and been logged).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var marks = new List<Task>(Lanes);
        foreach (var lane in lanes)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (lane.Writer.TryWrite(new Operation("", "", null!, 0, false, done))) marks.Add(done.Task);
        }
        return Task.WhenAll(marks).WaitAsync(cancellationToken);
    }

    private Channel<Operation> Lane(string entityId) => lanes[StableHash.Fnv1a32(entityId) % Lanes];

    private async Task ConsumeAsync(ChannelReader<Operation> reader)
    {
        await foreach (var op in reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (op.Flushed is { } flushed)
            {
                flushed.TrySetResult();
                continue;
            }
            try
            {
                if (op.Activation) await detector.RecordActivationAsync(op.TypeName, op.EntityId, op.Owner, op.Epoch, stopping.Token).ConfigureAwait(false);
                else await detector.RecordDeactivationAsync(op.TypeName, op.EntityId, op.Owner, stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.Warning(e, "Could not record the {What} of {Type}/{EntityId} for the double-activation check", op.Activation ? "activation" : "deactivation", op.TypeName, op.EntityId);
            }
            catch (OperationCanceledException)
            {
                // Stopping: what is left is not recorded.
            }
        }
    }

    /// <summary>Runs what is queued (for at most <paramref name="grace"/>), then stops.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        foreach (var lane in lanes) lane.Writer.TryComplete();
        var all = Task.WhenAll(consumers);
        if (await Task.WhenAny(all, Task.Delay(grace)).ConfigureAwait(false) != all) await stopping.CancelAsync().ConfigureAwait(false);
        await all.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        stopping.Dispose();
    }

    private sealed record Operation(string TypeName, string EntityId, UniqueAddress Owner, long Epoch, bool Activation, TaskCompletionSource? Flushed);
}
