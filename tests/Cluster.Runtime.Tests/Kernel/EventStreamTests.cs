using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class EventStreamTests : KernelTestKit
{
    private abstract record Animal(string Name);
    private sealed record Dog(string Name) : Animal(Name);
    private sealed record Cat(string Name) : Animal(Name);

    [Fact]
    public async Task Subscribers_receive_events_assignable_to_their_channel()
    {
        var dogs = CreateProbe();
        var animals = CreateProbe();
        Sys.EventStream.Subscribe<Dog>(dogs.Ref);
        Sys.EventStream.Subscribe<Animal>(animals.Ref);
        Sys.EventStream.Publish(new Cat("tom"));
        Sys.EventStream.Publish(new Dog("rex"));
        await animals.ExpectMsgAsync(new Cat("tom"));
        await animals.ExpectMsgAsync(new Dog("rex"));
        await dogs.ExpectMsgAsync(new Dog("rex"), because: "the cat is not a dog");
    }

    [Fact]
    public async Task Unsubscribed_actor_receives_nothing_more()
    {
        var probe = CreateProbe();
        Assert.True(Sys.EventStream.Subscribe<Dog>(probe.Ref));
        Assert.False(Sys.EventStream.Subscribe<Dog>(probe.Ref));
        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref, typeof(Dog)));
        Sys.EventStream.Publish(new Dog("rex"));
        probe.Ref.Tell("marker", null);
        await probe.ExpectMsgAsync("marker");
    }

    [Fact]
    public async Task Stopped_subscriber_is_unsubscribed_automatically()
    {
        var probe = CreateProbe();
        Sys.EventStream.Subscribe<Dog>(probe.Ref);
        Sys.Stop(probe.Ref);
        await ExpectTerminated(probe.Ref);
        Assert.False(Sys.EventStream.Unsubscribe(probe.Ref), "the subscription should already be gone");
        Sys.EventStream.Publish(new Dog("rex"));
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    private sealed class Talker : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            Log.Information("got {Message}", message);
            Sender.Tell("logged", Self);
        }
    }

    [Fact]
    public async Task Actor_log_is_enriched_with_the_actor_path()
    {
        var actor = Sys.ActorOf(Props.Create<Talker>(), "talker");
        await actor.Ask<string>("hi");
        var e = Assert.Single(Logs.Matching("got {Message}"));
        Assert.Equal("\"uc://test/user/talker\"", e.Properties["ActorPath"].ToString());
    }

    private sealed class Registry(ActorSystem system) : IExtension
    {
        public ActorSystem System { get; } = system;
    }

    [Fact]
    public void Extensions_are_created_once_per_system()
    {
        Assert.Null(Sys.GetExtension<Registry>());
        var calls = 0;
        var first = Sys.RegisterExtension(s => { calls++; return new Registry(s); });
        var second = Sys.RegisterExtension(s => { calls++; return new Registry(s); });
        Assert.Same(first, second);
        Assert.Same(first, Sys.GetExtension<Registry>());
        Assert.Equal(1, calls);
        Assert.Same(Sys.CoordinatedShutdown, Sys.GetExtension<CoordinatedShutdown>());
    }
}
