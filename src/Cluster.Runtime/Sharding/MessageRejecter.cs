using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;
using Serilog;
using Serilog.Events;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// The one way sharding gives up on a message, so that none is ever dropped silently: an Ask gets a
/// <see cref="Status.Failure"/> with the reason at once, anything else becomes a <see cref="DeadLetter"/> (counted,
/// published, logged by the kernel); either way the drop is counted and logged here, at most once per second with
/// the number of rejections since the last line so that a flood stays readable.
/// </summary>
internal sealed class MessageRejecter
{
    private readonly ActorSystem system;
    private readonly string typeName;
    private readonly ShardingCounters counters;
    private readonly RateLimitedLog log;

    public MessageRejecter(ActorSystem system, string typeName, ShardingCounters counters, ILogger logger)
    {
        this.system = system;
        this.typeName = typeName;
        this.counters = counters;
        log = new RateLimitedLog(logger, LogEventLevel.Warning, TimeSpan.FromSeconds(1), system.Scheduler.TimeProvider);
    }

    public void Reject(object message, IActorRef? sender, IActorRef recipient, ShardDeliveryException reason)
    {
        counters.MessageDropped();
        log.Write(null, "Sharding {TypeName} rejected a message: {Reason} ({Rejected} rejected since the last line)", typeName, reason.Message);
        if (IsAskReplyAddress(sender))
            sender!.Tell(new Status.Failure(reason), recipient);
        else
            system.DeadLetters.Tell(new DeadLetter(message, sender ?? system.DeadLetters, recipient), sender);
    }

    /// <summary>
    /// True for the temporary reply address of an Ask: a local promise, or (once remoting forwards asks) a reference
    /// under /temp. A regular actor is not sent a Status.Failure it never asked for.
    /// </summary>
    internal static bool IsAskReplyAddress(IActorRef? sender)
    {
        if (sender is null) return false;
        var type = sender.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PromiseActorRef<>)) return true;
        if (sender is InternalActorRef { IsLocal: true }) return false;
        var elements = sender.Path.Elements;
        return elements.Count > 0 && elements[0] == "temp";
    }
}
