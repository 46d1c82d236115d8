using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// Parent of every <see cref="TurnAllocationActor"/> of one TURN server. It starts them, forwards commands that
/// arrive before an actor is known to the handler, and stops them all on shutdown. A failing allocation actor is
/// stopped, not restarted: a restart would lose its timers, and stopping frees its port and quota in PostStop.
/// </summary>
internal sealed class TurnServerActor : ReceiveActor
{
    private readonly TurnServices services;
    private readonly HashSet<IActorRef> children = [];
    private IActorRef? stopRequester;

    public TurnServerActor(TurnServices services)
    {
        this.services = services;
        Receive<TurnStartAllocation>(Start);
        Receive<TurnForward>(forward =>
        {
            if (forward.Allocation.Owner is { } owner)
            {
                owner.Tell(forward.Command, ActorRefs.NoSender);
            }
        });
        Receive<Terminated>(terminated =>
        {
            children.Remove(terminated.ActorRef);
            if (stopRequester is not null && children.Count == 0)
            {
                stopRequester.Tell(TurnStopAll.Done, Self);
                stopRequester = null;
            }
        });
        Receive<TurnStopAll>(_ =>
        {
            stopRequester = Sender;
            if (children.Count == 0)
            {
                Sender.Tell(TurnStopAll.Done, Self);
                stopRequester = null;
                return;
            }

            foreach (var child in children)
            {
                Context.Stop(child);
            }
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() => Cluster.Runtime.Kernel.SupervisorStrategy.StoppingStrategy;

    private void Start(TurnStartAllocation start)
    {
        var allocation = start.Allocation;
        var child = Context.ActorOf(Props.Create(() => new TurnAllocationActor(allocation, services, start.Lifetime)), $"alloc-{allocation.Id}");
        Context.Watch(child);
        children.Add(child);
        allocation.Owner = child;
        if (stopRequester is not null)
        {
            Context.Stop(child);
        }
    }
}
