using System.Threading.Channels;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Tests.Media.Support;

/// <summary>An actor that hands every message it gets to the test, which awaits them with a deadline.</summary>
internal sealed class MessageCollector
{
    private readonly Channel<object> received = Channel.CreateUnbounded<object>();

    public MessageCollector(ActorSystem system, string name)
    {
        Ref = system.ActorOf(Props.Create(() => new Forwarder(received.Writer)), name);
    }

    public IActorRef Ref { get; }

    public async Task<T> ExpectAsync<T>(string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            var message = await received.Reader.ReadAsync(cts.Token);
            return message is T typed ? typed : throw new InvalidOperationException($"expected {what} ({typeof(T).Name}) but got {message}");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expected {what} ({typeof(T).Name}) within {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds} s");
        }
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(ChannelWriter<object> writer) => ReceiveAny(m => writer.TryWrite(m));
    }
}
