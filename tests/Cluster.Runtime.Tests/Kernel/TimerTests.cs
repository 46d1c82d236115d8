using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

/// <summary>
/// Keyed timers on a manual clock. Negative checks ("never delivers") send a marker after the point where the tick
/// would have been queued: mailbox order guarantees the tick would reach the probe before the marker.
/// </summary>
public class TimerTests : KernelTestKit
{
    private sealed record StartSingle(string Key, string Message, TimeSpan Delay);
    private sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);
    private sealed record CancelTimer(string Key);
    private sealed record IsActive(string Key);
    private sealed record Marker(int N);

    /// <summary>Runs an action while holding the actor's thread until the test opens the gate.</summary>
    private sealed record Blocked(ManualResetEventSlim Entered, ManualResetEventSlim Gate, Action<ITimerScheduler> Then);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public TimerActor(IActorRef probe)
        {
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval));
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(q => Sender.Tell(Timers.IsTimerActive(q.Key), Self));
            Receive<Blocked>(b =>
            {
                b.Entered.Set();
                b.Gate.Wait(Deadline);
                b.Then(Timers);
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            ReceiveAny(m => probe.Tell(m, Self));
        }
    }

    private (IActorRef Actor, TestProbe Probe) Start()
    {
        var probe = CreateProbe();
        return (Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref))), probe);
    }

    [Fact]
    public async Task Single_timer_delivers_once_after_its_delay()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(5)), null);
        Assert.True(await actor.Ask<bool>(new IsActive("k")));
        Time.Advance(TimeSpan.FromSeconds(4));
        actor.Tell(new Marker(1), null);
        await probe.ExpectMsgAsync(new Marker(1), because: "the timer is not due yet");
        Time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync("tick");
        Time.Advance(TimeSpan.FromSeconds(60));
        actor.Tell(new Marker(2), null);
        await probe.ExpectMsgAsync(new Marker(2), because: "a single timer fires once");
        Assert.False(await actor.Ask<bool>(new IsActive("k")));
    }

    [Fact]
    public async Task Cancelled_timer_never_delivers_even_when_its_tick_is_already_queued()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)), null);
        var entered = new ManualResetEventSlim();
        var gate = new ManualResetEventSlim();
        actor.Tell(new Blocked(entered, gate, t => t.Cancel("k")), null);
        Assert.True(entered.Wait(Deadline), "the actor should enter the blocking handler");
        Time.Advance(TimeSpan.FromSeconds(2));       // the tick is queued behind the blocked message
        gate.Set();                                   // the handler now cancels the timer
        actor.Tell(new Marker(1), null);
        await probe.ExpectMsgAsync(new Marker(1), because: "the cancelled timer's queued tick must be dropped");
    }

    [Fact]
    public async Task Replaced_timer_delivers_only_the_new_message()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("k", "old", TimeSpan.FromSeconds(1)), null);
        var entered = new ManualResetEventSlim();
        var gate = new ManualResetEventSlim();
        actor.Tell(new Blocked(entered, gate, t => t.StartSingleTimer("k", "new", TimeSpan.FromSeconds(10))), null);
        Assert.True(entered.Wait(Deadline), "the actor should enter the blocking handler");
        Time.Advance(TimeSpan.FromSeconds(2));       // the old tick is queued
        gate.Set();                                   // and replaced before it is processed
        actor.Tell(new Marker(1), null);
        await probe.ExpectMsgAsync(new Marker(1), because: "the replaced timer's tick must be dropped");
        Time.Advance(TimeSpan.FromSeconds(10));
        await probe.ExpectMsgAsync("new");
    }

    [Fact]
    public async Task Periodic_timer_repeats_until_cancelled()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1)), null);
        await actor.Ask<bool>(new IsActive("p"));
        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await probe.ExpectMsgAsync("beat", because: $"beat {i + 1}");
        }
        actor.Tell(new CancelTimer("p"), null);
        await actor.Ask<bool>(new IsActive("p"));
        Time.Advance(TimeSpan.FromSeconds(5));
        actor.Tell(new Marker(1), null);
        await probe.ExpectMsgAsync(new Marker(1), because: "a cancelled periodic timer stops beating");
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_restarts()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)), null);
        actor.Tell("fail", null);
        Assert.False(await actor.Ask<bool>(new IsActive("k")), "a restart cancels all timers");
        Time.Advance(TimeSpan.FromSeconds(2));
        actor.Tell(new Marker(1), null);
        await probe.ExpectMsgAsync(new Marker(1));
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_stops()
    {
        var (actor, probe) = Start();
        var before = Time.ActiveTimers;
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1)), null);
        actor.Tell(new IsActive("p"), probe.Ref);     // no Ask here: its timeout timer would be counted too
        await probe.ExpectMsgAsync(true);
        Assert.Equal(before + 1, Time.ActiveTimers);
        Sys.Stop(actor);
        await ExpectTerminated(actor);
        Assert.Equal(before, Time.ActiveTimers);
    }

    /// <summary>A round trip that does not reset the receive timeout: proves earlier messages were fully processed.</summary>
    private sealed class Sync : INotInfluenceReceiveTimeout
    {
        public static readonly Sync Instance = new();
    }

    private sealed class TimeoutActor : ReceiveActor
    {
        public TimeoutActor(IActorRef probe)
        {
            Receive<Sync>(_ => Sender.Tell("synced", Self));
            Receive<string>(s => s == "arm", _ => Context.SetReceiveTimeout(TimeSpan.FromSeconds(3)));
            Receive<string>(s => s == "disarm", _ => Context.SetReceiveTimeout(null));
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout", Self));
            ReceiveAny(m => probe.Tell(m, Self));
        }
    }

    [Fact]
    public async Task Receive_timeout_fires_after_inactivity_and_is_reset_by_messages()
    {
        var probe = CreateProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimeoutActor(probe.Ref)));
        actor.Tell("arm", null);
        actor.Tell(new Marker(0), null);
        await probe.ExpectMsgAsync(new Marker(0));
        await actor.Ask<string>(Sync.Instance);
        Time.Advance(TimeSpan.FromSeconds(2));
        actor.Tell(new Marker(1), null);              // resets the timeout
        await probe.ExpectMsgAsync(new Marker(1));
        await actor.Ask<string>(Sync.Instance);
        Time.Advance(TimeSpan.FromSeconds(2));
        actor.Tell(new Marker(2), null);
        await probe.ExpectMsgAsync(new Marker(2), because: "only 2 s passed since the last message");
        await actor.Ask<string>(Sync.Instance);
        Time.Advance(TimeSpan.FromSeconds(3));
        await probe.ExpectMsgAsync("timeout");
        actor.Tell("disarm", null);
        await actor.Ask<string>(Sync.Instance);
        Time.Advance(TimeSpan.FromSeconds(10));
        actor.Tell(new Marker(3), null);
        await probe.ExpectMsgAsync(new Marker(3), because: "a disarmed receive timeout never fires");
    }

    [Fact]
    public async Task Scheduler_tells_once_and_repeatedly_and_stops_when_cancelled()
    {
        var probe = CreateProbe();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), probe.Ref, "once", null);
        var repeating = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), probe.Ref, "again", null);
        Time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync("once");
        Time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync("again");
        Time.Advance(TimeSpan.FromSeconds(2));
        await probe.ExpectMsgAsync("again");
        repeating.Cancel();
        Assert.True(repeating.IsCancellationRequested);
        Time.Advance(TimeSpan.FromSeconds(10));
        probe.Ref.Tell("marker", null);
        await probe.ExpectMsgAsync("marker", because: "the cancelled schedule must not send");
    }
}
