using System.Collections.Concurrent;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class CoordinatedShutdownTests : KernelTestKit
{
    public CoordinatedShutdownTests() : base(s => s with
    {
        ShutdownDefaultPhaseTimeout = TimeSpan.FromSeconds(5),
        ShutdownPhases = new Dictionary<string, ShutdownPhaseSettings>
        {
            [CoordinatedShutdown.PhaseServiceStop] = new(TimeSpan.FromSeconds(2), Recover: true),
            [CoordinatedShutdown.PhaseClusterLeave] = new(TimeSpan.FromSeconds(1), Recover: false),
        },
    }) { }

    [Fact]
    public async Task Phases_run_in_order_and_end_with_the_system_terminated()
    {
        var order = new ConcurrentQueue<string>();
        var cs = CoordinatedShutdown.Get(Sys);
        foreach (var phase in new[] { CoordinatedShutdown.PhaseBeforeActorSystemTerminate, CoordinatedShutdown.PhaseServiceUnbind,
                     CoordinatedShutdown.PhaseClusterShardingShutdownRegion, CoordinatedShutdown.PhaseBeforeServiceUnbind })
        {
            var p = phase;
            cs.AddTask(p, "record-" + p, () =>
            {
                order.Enqueue(p);
                return Task.CompletedTask;
            });
        }
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "second-task", async () =>
        {
            await Task.Yield();
            order.Enqueue("service-unbind-2");
        });

        await Within(cs.Run(ShutdownReason.Unknown), "the shutdown to finish");
        await Within(Sys.WhenTerminated, "the system to terminate");
        var seen = order.ToArray();
        Assert.Equal(CoordinatedShutdown.PhaseBeforeServiceUnbind, seen[0]);
        Assert.Equal(new[] { CoordinatedShutdown.PhaseServiceUnbind, "service-unbind-2" }.Order(), seen[1..3].Order());
        Assert.Equal(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, seen[3]);
        Assert.Equal(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, seen[4]);
        Assert.Equal(ShutdownReason.Unknown, cs.Reason);
    }

    [Fact]
    public async Task Run_is_idempotent()
    {
        var runs = 0;
        var cs = Sys.CoordinatedShutdown;
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "count", () =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        var first = cs.Run(ShutdownReason.ClusterLeaving);
        var second = cs.Run(ShutdownReason.Unknown);
        Assert.Same(first, second);
        await Within(first, "the shutdown");
        Assert.Equal(1, runs);
        Assert.Equal(ShutdownReason.ClusterLeaving, cs.Reason);
    }

    [Fact]
    public async Task A_phase_that_times_out_is_logged_and_the_next_phase_runs()
    {
        var cs = Sys.CoordinatedShutdown;
        var stuck = new TaskCompletionSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nextRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "never-finishes", () =>
        {
            started.SetResult();
            return stuck.Task;
        });
        cs.AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "next", () =>
        {
            nextRan.SetResult();
            return Task.CompletedTask;
        });
        var run = cs.Run(ShutdownReason.Unknown);
        await Within(started.Task, "the stuck task to start");
        Assert.False(nextRan.Task.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(2));   // the service-stop timeout
        await Within(nextRan.Task, "the next phase after the timeout");
        await Within(run, "the shutdown");
        Assert.Contains(Logs.Events, e => e.MessageTemplate.Text.Contains("timed out") && e.Properties["Tasks"].ToString().Contains("never-finishes"));
    }

    [Fact]
    public async Task A_failing_phase_without_recover_aborts_the_remaining_phases()
    {
        var cs = Sys.CoordinatedShutdown;
        var laterRan = false;
        cs.AddTask(CoordinatedShutdown.PhaseClusterLeave, "fails", () => throw new InvalidOperationException("cannot leave"));
        cs.AddTask(CoordinatedShutdown.PhaseClusterExiting, "later", () =>
        {
            laterRan = true;
            return Task.CompletedTask;
        });
        var run = cs.Run(ShutdownReason.Unknown);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Within(run, "the shutdown to fail"));
        Assert.False(laterRan);
        Assert.False(Sys.WhenTerminated.IsCompleted, "recover=off stops the shutdown before the terminate phase");
    }

    [Fact]
    public async Task Terminate_runs_coordinated_shutdown()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "mark", () =>
        {
            ran.SetResult();
            return Task.CompletedTask;
        });
        var actor = Sys.ActorOf(Props.Create(() => new Stopping()));
        await Within(Sys.Terminate(), "termination");
        Assert.True(ran.Task.IsCompleted);
        Assert.Equal(ShutdownReason.ActorSystemTerminate, Sys.CoordinatedShutdown.Reason);
        Assert.True(((InternalActorRef)actor).IsTerminated);
    }

    private sealed class Stopping : UntypedActor
    {
        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task Adding_a_task_to_an_unknown_or_finished_phase_is_rejected()
    {
        var cs = Sys.CoordinatedShutdown;
        Assert.Throws<ArgumentException>(() => cs.AddTask("no-such-phase", "x", () => Task.CompletedTask));
        await Within(cs.Run(ShutdownReason.Unknown), "the shutdown");
        Assert.Throws<InvalidOperationException>(() => cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "late", () => Task.CompletedTask));
    }

    [Fact]
    public void Unknown_phase_in_settings_is_rejected()
    {
        var settings = ActorSystemSettings.Default with
        {
            ShutdownPhases = new Dictionary<string, ShutdownPhaseSettings> { ["typo-phase"] = new(TimeSpan.FromSeconds(1)) },
        };
        var e = Assert.Throws<ArgumentException>(() => ActorSystem.Create("x", settings));
        Assert.Contains("typo-phase", e.Message);
    }
}
