using System.Collections.Concurrent;
using System.Net;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Server;

/// <summary>Wraps a handler and records the client endpoints it saw, so a test can compare with what a client reports.</summary>
internal sealed class RecordingHandler : IStunMethodHandler
{
    private readonly IStunMethodHandler inner;

    public RecordingHandler(IStunMethodHandler inner) => this.inner = inner;

    public ConcurrentQueue<IPEndPoint> Clients { get; } = new();

    public StunMethod Method => inner.Method;

    public int Handle(in StunRequestContext context, Span<byte> response)
    {
        Clients.Enqueue(context.ClientEndPoint());
        return inner.Handle(in context, response);
    }
}
