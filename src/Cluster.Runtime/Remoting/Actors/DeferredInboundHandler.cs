using System.Buffers;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// The transport must be started before the actor system exists (its bound port becomes the system's address), so
/// the inbound handler is bound a moment later. A frame arriving in that window (a peer with messages queued for
/// this address, typically after a restart) waits for the binding instead of being lost; the wait only happens
/// during startup.
/// </summary>
internal sealed class DeferredInboundHandler : IInboundHandler
{
    private static readonly TimeSpan BindTimeout = TimeSpan.FromSeconds(10);
    private readonly ManualResetEventSlim bound = new(false);
    private IInboundHandler? target;

    public void Bind(IInboundHandler handler)
    {
        Volatile.Write(ref target, handler);
        bound.Set();
    }

    public void OnMessage(NodeAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload) =>
        Target().OnMessage(from, recipientPath, senderPath, manifest, payload);

    public void OnSystemMessage(UniqueAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload) =>
        Target().OnSystemMessage(from, recipientPath, senderPath, manifest, payload);

    private IInboundHandler Target()
    {
        if (Volatile.Read(ref target) is { } t) return t;
        if (!bound.Wait(BindTimeout))
            throw new InvalidOperationException("A remote message arrived but the actor system was not bound to the transport within 10 s.");
        return Volatile.Read(ref target)!;
    }
}
