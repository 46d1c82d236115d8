using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>Registers one TURN method with the <see cref="StunDispatcher"/>; all of them share one <see cref="TurnRequestHandler"/>.</summary>
internal sealed class TurnMethodHandler : IStunMethodHandler
{
    private readonly TurnRequestHandler handler;

    public TurnMethodHandler(StunMethod method, TurnRequestHandler handler)
    {
        Method = method;
        this.handler = handler;
    }

    public StunMethod Method { get; }

    public int Handle(in StunRequestContext context, Span<byte> response) => handler.Handle(in context, response);
}
