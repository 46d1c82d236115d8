using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class BecomeTests : KernelTestKit
{
    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Off();
        }

        private void Off()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("off", Self));
            Receive<string>(s => s == "toggle", _ => Become(On));
            Receive<string>(s => s == "push", _ => BecomeStacked(Pushed));
        }

        private void On()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("on", Self));
            Receive<string>(s => s == "toggle", _ => Become(Off));
            Receive<string>(s => s == "push", _ => BecomeStacked(Pushed));
        }

        private void Pushed()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("pushed", Self));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
        }
    }

    [Fact]
    public async Task Become_replaces_and_BecomeStacked_pushes_behaviours()
    {
        var actor = Sys.ActorOf(Props.Create<Switch>());
        Assert.Equal("off", await actor.Ask<string>("state"));
        actor.Tell("toggle", null);
        Assert.Equal("on", await actor.Ask<string>("state"));
        actor.Tell("push", null);
        Assert.Equal("pushed", await actor.Ask<string>("state"));
        actor.Tell("pop", null);
        Assert.Equal("on", await actor.Ask<string>("state"));
        actor.Tell("toggle", null);
        Assert.Equal("off", await actor.Ask<string>("state"));
    }

    private sealed class Untyped : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "swap") BecomeStacked(m =>
            {
                if (m is "back") UnbecomeStacked();
                else Sender.Tell("swapped:" + m, Self);
            });
            else Sender.Tell("plain:" + message, Self);
        }
    }

    [Fact]
    public async Task Untyped_actor_can_become_and_unbecome()
    {
        var actor = Sys.ActorOf(Props.Create<Untyped>());
        Assert.Equal("plain:x", await actor.Ask<string>("x"));
        actor.Tell("swap", null);
        Assert.Equal("swapped:x", await actor.Ask<string>("x"));
        actor.Tell("back", null);
        Assert.Equal("plain:x", await actor.Ask<string>("x"));
    }

    [Fact]
    public async Task Message_not_matched_by_any_handler_is_published_as_unhandled()
    {
        var probe = CreateProbe();
        Sys.EventStream.Subscribe<UnhandledMessage>(probe.Ref);
        var actor = Sys.ActorOf(Props.Create<Switch>());
        actor.Tell(42, null);
        var unhandled = await probe.ExpectMsgAsync<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Contains(Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Debug && e.MessageTemplate.Text.StartsWith("Unhandled message"));
    }

    [Fact]
    public async Task Receive_handlers_cannot_be_added_after_construction()
    {
        var actor = Sys.ActorOf(Props.Create<LateRegistration>());
        var error = await actor.Ask<string>("try");
        Assert.Contains("constructor", error);
    }

    private sealed class LateRegistration : ReceiveActor
    {
        public LateRegistration()
        {
            Receive<string>(_ =>
            {
                try
                {
                    Receive<int>(_ => { });
                    Sender.Tell("registered", Self);
                }
                catch (InvalidOperationException e)
                {
                    Sender.Tell(e.Message, Self);
                }
            });
        }
    }
}
