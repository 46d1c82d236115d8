using Cluster.Runtime.Kernel;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Kernel;

/// <summary>
/// Base of kernel tests: a fresh actor system per test on a manual clock, with collected logs, terminated after
/// the test. Helpers wait on events with deadlines and say what they waited for.
/// </summary>
public abstract class KernelTestKit : IAsyncLifetime
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    protected KernelTestKit(Func<ActorSystemSettings, ActorSystemSettings>? configure = null)
    {
        Time = new ManualTimeProvider();
        Logs = new LogCapture();
        var settings = ActorSystemSettings.Default with { TimeProvider = Time, Logger = Logs.CreateLogger() };
        Sys = ActorSystem.Create("test", configure is null ? settings : configure(settings));
    }

    protected ActorSystem Sys { get; }
    protected ManualTimeProvider Time { get; }
    protected LogCapture Logs { get; }

    protected TestProbe CreateProbe(string? name = null) => new(Sys, name);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Sys.Terminate().Within("the actor system to terminate", Deadline);
    }

    /// <summary>Awaits <paramref name="task"/> or fails after the deadline naming what was expected.</summary>
    protected static Task<T> Within<T>(Task<T> task, string what) => task.Within(what, Deadline);

    protected static Task Within(Task task, string what) => task.Within(what, Deadline);

    /// <summary>Polls a condition that another thread makes true, failing after the deadline.</summary>
    protected static Task AwaitCondition(Func<bool> condition, string what) => TestSupport.Deadline.Until(condition, what, Deadline);

    /// <summary>Watches <paramref name="actor"/> with a probe and waits for its Terminated.</summary>
    protected async Task ExpectTerminated(IActorRef actor)
    {
        var watcher = CreateProbe();
        Sys.ActorOf(Props.Create(() => new Watcher(actor, watcher.Ref)));
        var t = await watcher.ExpectMsgAsync<Terminated>(because: $"{actor} to stop");
        Assert.Equal(actor, t.ActorRef);
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef subject, IActorRef report)
        {
            Context.Watch(subject);
            Receive<Terminated>(t => report.Tell(t, Self));
        }
    }
}
