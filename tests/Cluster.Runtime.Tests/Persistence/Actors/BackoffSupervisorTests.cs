using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Tests.Kernel;

namespace Cluster.Runtime.Tests.Persistence.Actors;

public class BackoffSupervisorTests : KernelTestKit
{
    [Fact]
    public void Delay_doubles_from_min_backoff_up_to_max_backoff()
    {
        var min = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(10);
        Assert.Equal(TimeSpan.FromSeconds(1), BackoffSupervisor.CalculateDelay(0, min, max, 0.5, 0));
        Assert.Equal(TimeSpan.FromSeconds(2), BackoffSupervisor.CalculateDelay(1, min, max, 0.5, 0));
        Assert.Equal(TimeSpan.FromSeconds(8), BackoffSupervisor.CalculateDelay(3, min, max, 0.5, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), BackoffSupervisor.CalculateDelay(4, min, max, 0.5, 0));
        Assert.Equal(TimeSpan.FromSeconds(3), BackoffSupervisor.CalculateDelay(1, min, max, 0.5, 1.0));
        Assert.Equal(max, BackoffSupervisor.CalculateDelay(1000, min, max, 0.5, 1.0));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var props = Props.Create(() => new Echo());
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffOptions.CreateOnStop(props, "c", TimeSpan.Zero, TimeSpan.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffOptions.CreateOnStop(props, "c", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffOptions.CreateOnStop(props, "c", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1.5));
    }

    [Fact]
    public async Task OnFailure_restarts_a_failed_child_after_the_backoff_and_forwards_messages()
    {
        var probe = CreateProbe();
        var supervisor = Sys.ActorOf(BackoffOptions.CreateOnFailure(Props.Create(() => new Echo()), "echo",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0).WithManualReset().Props());
        supervisor.Tell("hello", probe.Ref);
        Assert.Equal("hello", await probe.ExpectMsgAsync<string>());

        supervisor.Tell("fail", probe.Ref);
        await AwaitCount(supervisor, probe, 1);
        Time.Advance(TimeSpan.FromSeconds(1));
        await AwaitCondition(() => Logs.Matching("starting it again").Any(), "the restart to be logged");
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, probe.Ref);
            if ((await probe.ExpectMsgAsync<CurrentChild>()).Ref is not null) break;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("child was not started again");
        }
        supervisor.Tell("again", probe.Ref);
        Assert.Equal("again", await probe.ExpectMsgAsync<string>());
        supervisor.Tell(BackoffSupervisor.Reset.Instance);
        await AwaitCount(supervisor, probe, 0);
    }

    [Fact]
    public async Task OnFailure_supervisor_stops_when_the_child_stops_itself()
    {
        var supervisor = Sys.ActorOf(BackoffOptions.CreateOnFailure(Props.Create(() => new Echo()), "echo",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0).Props());
        supervisor.Tell("stop");
        await ExpectTerminated(supervisor);
    }

    [Fact]
    public async Task Supervisor_gives_up_after_max_retries()
    {
        var supervisor = Sys.ActorOf(BackoffOptions.CreateOnStop(Props.Create(() => new Echo()), "echo",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0).WithMaxNrOfRetries(0).Props());
        supervisor.Tell("stop");
        await ExpectTerminated(supervisor);
        Assert.Single(Logs.Matching("the maximum"));
    }

    private static async Task AwaitCount(IActorRef supervisor, TestProbe probe, int expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, probe.Ref);
            var count = (await probe.ExpectMsgAsync<RestartCount>()).Count;
            if (count == expected) return;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"restart count stayed at {count}, expected {expected}");
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("child failure requested by the test"));
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            Receive<string>(s => Sender.Tell(s, Self));
        }
    }
}
