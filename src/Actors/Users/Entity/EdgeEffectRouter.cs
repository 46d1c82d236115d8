using Cluster.Actors.Common;
using Cluster.Runtime.Kernel;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// One per node, at <c>/user/edge-effects</c> (<see cref="Name"/>): receives the <see cref="NotifyWatcher"/> and
/// <see cref="DeliverChat"/> effects user entities address to this node, wherever those entities live, and hands them
/// to the node's edges (<see cref="EffectSinks{TSink}"/>). An actor rather than a direct call so that an entity on
/// another node reaches it by reference once remoting is wired; locally it costs one hop.
/// </summary>
/// <remarks>
/// Sinks run on this actor's thread and must not block (an edge enqueues to the flow or session that owns the
/// endpoint). An effect no sink takes means the flow or session is gone; it is counted and logged at debug level, as
/// the next REGISTER or session heartbeat re-creates the state. A sink that throws is logged and skipped.
/// </remarks>
public sealed class EdgeEffectRouter : ReceiveActor
{
    /// <summary>The router's name under <c>/user</c>; the same on every node, so a node's router path is known.</summary>
    public const string Name = "edge-effects";

    private readonly EffectSinks<IEdgeEffectSink> sinks;

    public EdgeEffectRouter(EffectSinks<IEdgeEffectSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        this.sinks = sinks;
        Receive<NotifyWatcher>(Notify);
        Receive<DeliverChat>(Deliver);
        Receive<NotifySessions>(Inform);
    }

    private void Inform(NotifySessions notice)
    {
        foreach (var session in notice.Sessions)
        {
            if (sinks.All.Any(sink => Try(sink, (session, notice.Notice), static (s, n) => s.TryInform(n.session, n.Notice), "a notice")))
            {
                sinks.CountDelivered();
            }
            else
            {
                sinks.CountUnclaimed();
                Log.Debug("No edge took the {Notice} notice for session {Session}", notice.Notice.GetType().Name, session);
            }
        }
    }

    private void Notify(NotifyWatcher notify)
    {
        foreach (var sink in sinks.All)
        {
            if (Try(sink, notify, static (s, n) => s.TryNotify(n), "a notification"))
            {
                sinks.CountDelivered();
                return;
            }
        }

        sinks.CountUnclaimed();
        Log.Debug("No edge took the {State} notification of {Presentity} for watcher {Watcher}", notify.State, notify.Presentity, notify.Watcher);
    }

    private void Deliver(DeliverChat chat)
    {
        foreach (var target in chat.Targets)
        {
            var taken = false;
            foreach (var sink in sinks.All)
            {
                if (Try(sink, (chat.Message, target), static (s, m) => s.TryDeliver(m.Message, m.target), "a chat message"))
                {
                    taken = true;
                    break;
                }
            }

            if (taken)
            {
                sinks.CountDelivered();
            }
            else
            {
                sinks.CountUnclaimed();
                Log.Debug("No edge took chat message {MessageId} for {Kind} target {Target}", chat.Message.MessageId, target.Kind, target.Edge);
            }
        }
    }

    private bool Try<T>(IEdgeEffectSink sink, T item, Func<IEdgeEffectSink, T, bool> offer, string what)
    {
        try
        {
            return offer(sink, item);
        }
        catch (Exception e)
        {
            Log.Error(e, "Edge effect sink {Sink} threw while taking {Effect}; skipped", sink.GetType().Name, what);
            return false;
        }
    }
}
