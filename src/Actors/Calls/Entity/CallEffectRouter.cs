using Cluster.Actors.Common;
using Cluster.Runtime.Kernel;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// One per node, at <c>/user/call-effects</c> (<see cref="Name"/>): receives the SIP and push effects call entities
/// address to this node, wherever those entities live, and offers each to the node's <see cref="EffectSinks{TSink}"/> in
/// registration order until one takes it. An actor rather than a direct call so an entity on another node reaches it by
/// reference once remoting is wired; locally it costs one hop and keeps effects of one call in order.
/// </summary>
/// <remarks>
/// An effect no sink takes means the flow is gone (the party's next request or the call's timers recover) or no edge
/// handles it here; it is counted and logged at debug level. A sink that throws is logged and skipped.
/// </remarks>
public sealed class CallEffectRouter : ReceiveActor
{
    /// <summary>The router's name under <c>/user</c>; the same on every node, so a node's router path is known.</summary>
    public const string Name = "call-effects";

    private readonly EffectSinks<ICallEffectSink> sinks;

    public CallEffectRouter(EffectSinks<ICallEffectSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        this.sinks = sinks;
        Receive<ICallEffect>(Offer);
    }

    private void Offer(ICallEffect effect)
    {
        foreach (var sink in sinks.All)
        {
            bool taken;
            try
            {
                taken = sink.TryCarryOut(effect);
            }
            catch (Exception e)
            {
                Log.Error(e, "Call effect sink {Sink} threw while taking {Effect}; skipped", sink.GetType().Name, effect.GetType().Name);
                continue;
            }

            if (taken)
            {
                sinks.CountDelivered();
                return;
            }
        }

        sinks.CountUnclaimed();
        Log.Debug("No edge took {Effect}", effect);
    }
}
