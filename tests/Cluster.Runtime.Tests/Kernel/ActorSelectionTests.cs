using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class ActorSelectionTests : KernelTestKit
{
    private sealed class Node : ReceiveActor
    {
        public Node(IActorRef probe, string[] children)
        {
            foreach (var c in children) Context.ActorOf(Props.Create(() => new Node(probe, Array.Empty<string>())), c);
            Receive<string>(s => s == "select-sibling", _ => Context.ActorSelection("../b").Tell("hi sibling", Self));
            ReceiveAny(m => probe.Tell($"{Self.Path.Name}:{m}", Self));
        }
    }

    private async Task<IActorRef> Tree(TestProbe probe)
    {
        var root = Sys.ActorOf(Props.Create(() => new Node(probe.Ref, ["a", "b", "c1"])), "tree");
        await AwaitCondition(() => Sys.ActorSelection("/user/tree/*").ResolveTargets().Count == 3, "the tree's children exist");
        return root;
    }

    [Fact]
    public async Task Absolute_selection_reaches_the_actor()
    {
        var probe = CreateProbe();
        await Tree(probe);
        Sys.ActorSelection("/user/tree/a").Tell("hello", null);
        await probe.ExpectMsgAsync("a:hello");
        Sys.ActorSelection("uc://test/user/tree/b").Tell("full", null);
        await probe.ExpectMsgAsync("b:full");
    }

    [Fact]
    public async Task Relative_selection_walks_up_with_dot_dot()
    {
        var probe = CreateProbe();
        await Tree(probe);
        Sys.ActorSelection("/user/tree/a").Tell("select-sibling", null);
        await probe.ExpectMsgAsync("b:hi sibling");
    }

    [Fact]
    public async Task Wildcards_match_several_actors()
    {
        var probe = CreateProbe();
        await Tree(probe);
        Sys.ActorSelection("/user/tree/c?").Tell("q", null);
        await probe.ExpectMsgAsync("c1:q");
        Sys.ActorSelection("/user/tree/*").Tell("all", null);
        var got = new HashSet<string>();
        for (var i = 0; i < 3; i++) got.Add((await probe.ExpectMsgAsync<string>()));
        Assert.Equal(["a:all", "b:all", "c1:all"], got.Order());
    }

    [Fact]
    public async Task Identify_through_a_selection_of_nothing_returns_an_empty_identity()
    {
        var probe = CreateProbe();
        Sys.ActorSelection("/user/missing").Tell(new Identify(7), probe.Ref);
        var identity = await probe.ExpectMsgAsync<ActorIdentity>();
        Assert.Equal(7, identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public async Task ResolveOne_finds_the_actor_or_fails()
    {
        var probe = CreateProbe();
        var tree = await Tree(probe);
        Assert.Equal(tree, await Sys.ActorSelection("/user/tree").ResolveOne(Deadline));
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/nope").ResolveOne(Deadline));
    }

    [Fact]
    public async Task ResolveActorRef_checks_the_uid()
    {
        var probe = CreateProbe();
        var tree = await Tree(probe);
        Assert.Equal(tree, Sys.ResolveActorRef(tree.Path.ToSerializationFormat()));
        var stale = Sys.ResolveActorRef(tree.Path.WithUid(tree.Path.Uid + 1).ToSerializationFormat());
        Assert.NotEqual(tree, stale);
        stale.Tell("to stale", null);
        await AwaitCondition(() => Sys.DeadLetterCount == 1, "the message to a stale uid is a dead letter");
    }

    [Fact]
    public void Glob_matching_follows_star_and_question_mark()
    {
        Assert.True(ActorSelection.GlobMatch("*", "abc"));
        Assert.True(ActorSelection.GlobMatch("a*c", "abbbc"));
        Assert.True(ActorSelection.GlobMatch("a?c", "abc"));
        Assert.False(ActorSelection.GlobMatch("a?c", "abbc"));
        Assert.False(ActorSelection.GlobMatch("b*", "abc"));
    }
}
