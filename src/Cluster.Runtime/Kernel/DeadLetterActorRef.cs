using Serilog;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// <c>/deadLetters</c>: where undeliverable messages end up. Each is counted (<see cref="ActorSystem.DeadLetterCount"/>), published as
/// <see cref="DeadLetter"/> on the event stream, and logged with a rate limit: the first
/// <c>DeadLetterLogCount</c> individually, then one summary line per <c>DeadLetterLogSuppressionInterval</c>
/// with the number suppressed.
/// </summary>
internal sealed class DeadLetterActorRef : InternalActorRef, IHasActorSystem
{
    private readonly ActorSystem system;
    private readonly object logGate = new();
    private long count;
    private int logged;
    private long suppressed;
    private long suppressionWindowStart;

    internal DeadLetterActorRef(ActorSystem system, ActorPath path)
    {
        this.system = system;
        Path = path;
    }

    public override ActorPath Path { get; }

    public ActorSystem System => system;

    /// <summary>Number of dead letters since the system started.</summary>
    public long Count => Interlocked.Read(ref count);

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter d) Deliver(d.Message, d.Sender, d.Recipient);
        else Deliver(message, sender, this);
    }

    public override bool IsTerminated => false;
    public override bool IsLocal => true;

    public override void SendSystemMessage(SystemMessage message) => ReplyTerminatedToWatch(message, existenceConfirmed: false);

    public override void Stop() { }

    internal void Deliver(object message, IActorRef? sender, IActorRef recipient)
    {
        var n = Interlocked.Increment(ref count);
        var senderRef = sender ?? (IActorRef)this;
        system.EventStream.Publish(new DeadLetter(message, senderRef, recipient));
        LogRateLimited(message, senderRef, recipient, n);
    }

    private void LogRateLimited(object message, IActorRef sender, IActorRef recipient, long total)
    {
        var settings = system.Settings;
        if (settings.DeadLetterLogCount <= 0) return;
        if (system.IsTerminating && !settings.LogDeadLettersDuringShutdown) return;
        var log = system.Log;
        lock (logGate)
        {
            if (logged < settings.DeadLetterLogCount)
            {
                logged++;
                log.Information(
                    "Message {MessageType} from {Sender} to {Recipient} was not delivered. [{Total}] dead letters encountered{Hint}",
                    message.GetType().FullName, sender.Path.ToString(), recipient.Path.ToString(), total,
                    logged == settings.DeadLetterLogCount ? "; further dead letters are summarised per interval" : "");
                if (logged == settings.DeadLetterLogCount) suppressionWindowStart = settings.TimeProvider.GetTimestamp();
                return;
            }
            suppressed++;
            var now = settings.TimeProvider.GetTimestamp();
            if (settings.TimeProvider.GetElapsedTime(suppressionWindowStart, now) < settings.DeadLetterLogSuppressionInterval) return;
            log.Information("{Suppressed} dead letters were not logged in the last {Interval}. [{Total}] dead letters encountered",
                suppressed, settings.DeadLetterLogSuppressionInterval, total);
            suppressed = 0;
            suppressionWindowStart = now;
        }
    }
}
