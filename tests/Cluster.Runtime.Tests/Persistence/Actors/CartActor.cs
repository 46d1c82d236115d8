using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Tests.Persistence.Actors;

/// <summary>The current cart event (manifest v2).</summary>
public sealed record CartItemAdded(string Item, int Quantity);

/// <summary>What version 1 of the code stored: no quantity, the item was called "name".</summary>
public sealed record CartItemAddedV1(string Name);

public sealed record CartSnapshot(IReadOnlyList<string> Items);

/// <summary>Never registered: persisting it is rejected.</summary>
public sealed record UnregisteredEvent(string Value);

public static class CartRegistry
{
    public const string ItemAddedV1 = "cart.item-added.v1";

    public static SerializerRegistry Create() => new SerializerRegistry()
        .Register<CartItemAdded>("cart.item-added.v2")
        .RegisterUpcast<CartItemAddedV1, CartItemAdded>(ItemAddedV1, old => new CartItemAdded(old.Name, 1))
        .Register<CartSnapshot>("cart.snapshot.v1");
}

// Commands and replies of CartActor.
public sealed record Add(string Item);
public sealed record AddAll(IReadOnlyList<string> Items);
public sealed record AddAsync(string Item);
public sealed record AddTagged(string Item, string[] Tags);
public sealed record AddUnregistered(string Value);
public sealed record AddThenDefer(string Item, string Marker, bool Async);
public sealed record Added(string Item, long SequenceNr);
public sealed record Deferred(string Marker, long LastSequenceNr);
public sealed record GetCart;
public sealed record CartView(IReadOnlyList<string> Items, long LastSequenceNr);
public sealed record TakeSnapshot;
public sealed record DeleteUpTo(long ToSequenceNr);
public sealed record Crash;

// Reports of CartActor's recovery to the test.
public sealed record Replayed(string Item, long SequenceNr);
public sealed record SnapshotOffered(long SequenceNr, int Items);
public sealed record RecoveryDone(IReadOnlyList<string> Items, long LastSequenceNr, string WriterUuid);

/// <summary>A persistent shopping cart exercising the whole PersistentActor API; reports recovery to a probe.</summary>
public sealed class CartActor : ReceivePersistentActor
{
    private readonly string persistenceId;
    private readonly IActorRef? reporter;
    private readonly Recovery recovery;
    private List<string> items = new();
    private IActorRef requester = ActorRefs.Nobody;

    public CartActor(string persistenceId, IActorRef? reporter = null, Recovery? recovery = null, Func<object, IReadOnlyList<string>?>? tagger = null)
    {
        this.persistenceId = persistenceId;
        this.reporter = reporter;
        this.recovery = recovery ?? Recovery.Default;
        Tagger = tagger;

        Recover<CartItemAdded>(e =>
        {
            items.Add(e.Item);
            reporter?.Tell(new Replayed(e.Item, LastSequenceNr));
        });
        Recover<SnapshotOffer>(o =>
        {
            items = ((CartSnapshot)o.Snapshot).Items.ToList();
            reporter?.Tell(new SnapshotOffered(o.Metadata.SequenceNr, items.Count));
        });
        Recover<RecoveryCompleted>(_ => reporter?.Tell(new RecoveryDone(items.ToList(), LastSequenceNr, WriterUuid)));

        Command<Add>(c => Persist(new CartItemAdded(c.Item, 1), Apply));
        Command<AddAll>(c => PersistAll(c.Items.Select(i => new CartItemAdded(i, 1)), Apply));
        Command<AddAsync>(c => PersistAsync(new CartItemAdded(c.Item, 1), Apply));
        Command<AddTagged>(c => Persist(new Tagged(new CartItemAdded(c.Item, 1), c.Tags), t => Apply((CartItemAdded)t.Payload)));
        Command<AddUnregistered>(c => Persist(new UnregisteredEvent(c.Value), _ => items.Add("rejected event applied")));
        Command<AddThenDefer>(c =>
        {
            if (c.Async) PersistAsync(new CartItemAdded(c.Item, 1), Apply);
            else Persist(new CartItemAdded(c.Item, 1), Apply);
            var marker = c.Marker;
            if (c.Async) DeferAsync(marker, m => Sender.Tell(new Deferred(m, LastSequenceNr)));
            else Defer(marker, m => Sender.Tell(new Deferred(m, LastSequenceNr)));
        });
        Command<GetCart>(_ => Sender.Tell(new CartView(items.ToList(), LastSequenceNr)));
        Command<TakeSnapshot>(_ =>
        {
            requester = Sender;
            SaveSnapshot(new CartSnapshot(items.ToList()));
        });
        Command<SaveSnapshotSuccess>(s => requester.Tell(s));
        Command<SaveSnapshotFailure>(s => requester.Tell(s));
        Command<DeleteUpTo>(d =>
        {
            requester = Sender;
            DeleteMessages(d.ToSequenceNr);
        });
        Command<DeleteMessagesSuccess>(s => requester.Tell(s));
        Command<DeleteMessagesFailure>(s => requester.Tell(s));
        Command<Crash>(_ => throw new InvalidOperationException("crash requested by the test"));
    }

    private Func<object, IReadOnlyList<string>?>? Tagger { get; }

    public override string PersistenceId => persistenceId;

    public override Recovery Recovery => recovery;

    protected override IReadOnlyList<string>? TagsFor(object @event) => Tagger?.Invoke(@event);

    private void Apply(CartItemAdded e)
    {
        items.Add(e.Item);
        Sender.Tell(new Added(e.Item, LastSequenceNr));
    }
}
