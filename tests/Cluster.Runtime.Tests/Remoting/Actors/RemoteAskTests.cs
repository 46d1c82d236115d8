using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Kernel;

namespace Cluster.Runtime.Tests.Remoting.Actors;

public class RemoteAskTests
{
    [Fact]
    public async Task Ask_across_nodes_gets_the_reply_through_a_temporary_reference()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new EchoActor()), "echo"));

        var replies = await RemoteSystems.Within(
            Task.WhenAll(Enumerable.Range(0, 50).Select(i => echo.Ask<Pong>(new Ping(i), TimeSpan.FromSeconds(10)))), "50 asks to be answered");

        Assert.Equal(Enumerable.Range(0, 50).Select(i => new Pong(i)), replies);
        Assert.Equal("hello", await echo.Ask<string>("hello", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Status_failure_reply_faults_the_ask_with_the_remote_exception_type_and_message()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new EchoActor()), "echo"));

        var ex = await Assert.ThrowsAsync<RemoteFailureException>(() => echo.Ask<string>("fail", TimeSpan.FromSeconds(10)));

        Assert.Equal(typeof(InvalidOperationException).FullName, ex.OriginalType);
        Assert.Equal("boom", ex.Message);
    }

    [Fact]
    public async Task Ask_without_reply_times_out_and_the_late_reply_goes_to_dead_letters()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var replier = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new DelayedReplier()), "slow"));
        var deadOnA = new TestProbe(a);
        a.EventStream.Subscribe<DeadLetter>(deadOnA.Ref);

        var timeout = await Assert.ThrowsAsync<AskTimeoutException>(() => replier.Ask<Pong>(new Ping(5), TimeSpan.FromMilliseconds(300)));
        Assert.Contains("/user/slow", timeout.Message);

        Assert.Equal("released", await replier.Ask<string>("release", TimeSpan.FromSeconds(10)));
        var dead = await deadOnA.FishForMessageAsync<DeadLetter>(d => d.Message is Pong, because: "the late Pong to be dead-lettered on the asking node");
        Assert.Equal(new Pong(5), dead.Message);
        Assert.Contains("/temp/", dead.Recipient.Path.ToString());
    }
}
