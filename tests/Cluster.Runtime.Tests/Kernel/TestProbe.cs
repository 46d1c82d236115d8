using System.Threading.Channels;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

/// <summary>
/// An actor that records what it receives so that a test can await it with a deadline (a minimal TestKit probe).
/// </summary>
public sealed class TestProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<(object Message, IActorRef Sender)> received = Channel.CreateUnbounded<(object, IActorRef)>();

    public TestProbe(ActorSystem system, string? name = null)
    {
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(received.Writer)), name);
    }

    public IActorRef Ref { get; }

    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>The next message, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, string? because = null)
    {
        var (message, sender) = await NextAsync(typeof(T).Name, timeout, because);
        LastSender = sender;
        return message is T typed
            ? typed
            : throw new Xunit.Sdk.XunitException($"Expected a {typeof(T).Name}{Because(because)} but received {message.GetType().Name}: {message}");
    }

    /// <summary>The next message, which must equal <paramref name="expected"/>.</summary>
    public async Task ExpectMsgAsync(object expected, TimeSpan? timeout = null, string? because = null)
    {
        var (message, sender) = await NextAsync(expected.ToString()!, timeout, because);
        LastSender = sender;
        if (!Equals(message, expected))
            throw new Xunit.Sdk.XunitException($"Expected {expected}{Because(because)} but received {message}");
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> matching <paramref name="predicate"/> arrives.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var (message, sender) = await NextAsync(typeof(T).Name, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), because);
            if (message is T typed && predicate(typed))
            {
                LastSender = sender;
                return typed;
            }
        }
    }

    /// <summary>True when nothing was received so far (a check at this instant, not a wait).</summary>
    public bool IsEmpty => received.Reader.Count == 0;

    private async Task<(object, IActorRef)> NextAsync(string expected, TimeSpan? timeout, string? because)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"Timed out after {timeout ?? DefaultTimeout} waiting for {expected}{Because(because)}");
        }
    }

    private static string Because(string? because) => because is null ? "" : " (" + because + ")";

    private sealed class ProbeActor(ChannelWriter<(object, IActorRef)> writer) : UntypedActor
    {
        protected override void OnReceive(object message) => writer.TryWrite((message, Sender));
    }
}
