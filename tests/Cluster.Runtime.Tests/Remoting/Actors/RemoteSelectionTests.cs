using Cluster.Runtime.Kernel;
using Cluster.Runtime.Tests.Kernel;

namespace Cluster.Runtime.Tests.Remoting.Actors;

public class RemoteSelectionTests
{
    [Fact]
    public async Task Selection_of_a_remote_path_resolves_through_identify()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = b.ActorOf(Props.Create(() => new EchoActor()), "echo");

        var resolved = await a.ActorSelection($"{b.Address}/user/echo").ResolveOne(TimeSpan.FromSeconds(10));

        Assert.Equal(echo.Path.ToSerializationFormat(), resolved.Path.ToSerializationFormat());
        Assert.Equal(new Pong(3), await resolved.Ask<Pong>(new Ping(3), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Identify_through_a_remote_selection_answers_with_the_subject_or_with_none()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var probe = new TestProbe(a);

        a.ActorSelection($"{b.Address}/user/echo").Tell(new Identify("found"), probe.Ref);
        var found = await probe.ExpectMsgAsync<ActorIdentity>(because: "the remote echo to identify itself");
        Assert.Equal("found", found.MessageId);
        Assert.Equal(echo.Path.ToSerializationFormat(), found.Subject!.Path.ToSerializationFormat());

        a.ActorSelection($"{b.Address}/user/missing").Tell(new Identify(17), probe.Ref);
        Assert.Equal(new ActorIdentity(17, null), await probe.ExpectMsgAsync<ActorIdentity>(because: "an empty identity for a missing path"));

        await Assert.ThrowsAsync<ActorNotFoundException>(() => a.ActorSelection($"{b.Address}/user/missing").ResolveOne(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Wildcard_selection_is_resolved_on_the_remote_node()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        b.ActorOf(Props.Create(() => new EchoActor()), "echo-1");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo-2");
        b.ActorOf(Props.Create(() => new DelayedReplier()), "other");
        var probe = new TestProbe(a);

        a.ActorSelection($"{b.Address}/user/echo-*").Tell(new Ping(1), probe.Ref);

        var senders = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            await probe.ExpectMsgAsync<Pong>(because: "each matching echo to answer");
            senders.Add(probe.LastSender.Path.Name);
        }
        Assert.Equal(new HashSet<string> { "echo-1", "echo-2" }, senders);
    }
}
