using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Bench.Remoting;

/// <summary>The small benchmark message: one number, as an application's typical small command.</summary>
public sealed record BenchMessage(int Seq);

/// <summary>Receiver to sender: this many messages have arrived (flow control, so no queue ever overflows).</summary>
public sealed record BenchAck(long Received);

/// <summary>Sender to receiver: reset and expect <see cref="Count"/> messages from the sender of this message.</summary>
public sealed record BenchExpect(long Count, int AckEvery);

internal static class RemoteActorTellMessages
{
    public static void Register(SerializerRegistry registry) => registry
        .Register<BenchMessage>("bench.message.v1")
        .Register<BenchAck>("bench.ack.v1")
        .Register<BenchExpect>("bench.expect.v1");
}

/// <summary>Counts messages and acknowledges every <c>AckEvery</c> and the last one to their sender.</summary>
internal sealed class BenchReceiver : ReceiveActor
{
    private long received;
    private long expected;
    private int ackEvery = int.MaxValue;

    public BenchReceiver(TaskCompletionSource quit)
    {
        Receive<BenchExpect>(e =>
        {
            received = 0;
            expected = e.Count;
            ackEvery = e.AckEvery;
            Sender.Tell(new BenchAck(0), Self);
        });
        Receive<BenchMessage>(_ =>
        {
            received++;
            if (received % ackEvery == 0 || received == expected) Sender.Tell(new BenchAck(received), Self);
        });
        Receive<string>(s => s == "quit", _ => quit.TrySetResult());
    }
}

/// <summary>
/// Sends <c>count</c> messages to a remote receiver, keeping at most <c>window</c> unacknowledged (like a bounded
/// producer); completes <c>done</c> when the receiver acknowledged the last one.
/// </summary>
internal sealed class BenchSender : ReceiveActor
{
    private long sent;
    private long count;

    public BenchSender(IActorRef receiver, long window, int ackEvery, TaskCompletionSource done, long totalCount)
    {
        count = totalCount;
        Receive<string>(s => s == "start", _ => receiver.Tell(new BenchExpect(count, ackEvery), Self));
        Receive<BenchAck>(ack =>
        {
            if (ack.Received == count)
            {
                done.TrySetResult();
                return;
            }
            while (sent < count && sent - ack.Received < window) receiver.Tell(new BenchMessage((int)sent++), Self);
        });
    }
}
