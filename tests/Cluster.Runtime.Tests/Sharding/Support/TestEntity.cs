using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;

namespace Cluster.Runtime.Tests.Sharding.Support;

/// <summary>An entity that reports its life to an <see cref="EntityProbe"/> and does what test messages say.</summary>
internal sealed class TestEntity : ReceiveActor
{
    private readonly string id;
    private readonly EntityProbe probe;
    private readonly int incarnation;

    public TestEntity(string id, EntityProbe probe)
    {
        this.id = id;
        this.probe = probe;
        incarnation = probe.NextIncarnation(id);
        Receive<Cmd>(c =>
        {
            probe.Record(new EntityReceived(id, incarnation, c.Seq));
            if (c.Reply) Sender.Tell(new Ack(id, c.Seq), Self);
        });
        Receive<PassivateMe>(_ => Context.Parent.Tell(new Passivate(StopEntity.Instance), Self));
        Receive<Crash>(_ => throw new InvalidOperationException($"entity {id} was told to crash"));
        Receive<StopYourself>(_ => Context.Stop(Self));
        ReceiveAsync<StopEntity>(async _ =>
        {
            probe.Record(new EntityStopReceived(id, incarnation));
            await probe.StopGate(id);
            Context.Stop(Self);
        });
    }

    public static Props PropsFor(string id, EntityProbe probe) => Props.Create(() => new TestEntity(id, probe));

    protected override void PreStart() => probe.Record(new EntityStarted(id, incarnation));

    protected override void PostStop() => probe.Record(new EntityStopped(id, incarnation));
}
