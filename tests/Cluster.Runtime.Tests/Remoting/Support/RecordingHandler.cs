using System.Buffers;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Tests.Remoting.Support;

/// <summary>Inbound handler that records every message (payload copied) and throws for the manifest "boom".</summary>
public sealed class RecordingHandler : IInboundHandler
{
    public sealed record Received(NodeAddress From, long? Uid, string Recipient, string? Sender, string Manifest, byte[] Payload, bool System)
    {
        public override string ToString() => $"{Recipient}<-{Sender} {Manifest} {Payload.Length}B";
    }

    public ObservedList<Received> Messages { get; } = new();

    public void OnMessage(NodeAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload)
    {
        if (manifest == "boom") throw new InvalidOperationException("handler failure requested by the test");
        Messages.Add(new Received(from, null, recipientPath, senderPath, manifest, payload.ToArray(), false));
    }

    public void OnSystemMessage(UniqueAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload) =>
        Messages.Add(new Received(from.Address, from.Uid, recipientPath, senderPath, manifest, payload.ToArray(), true));

    public Task WaitForCountAsync(int count, TimeSpan timeout) =>
        Messages.WaitUntilAsync(m => m.Count >= count, timeout, $"{count} received messages");
}
