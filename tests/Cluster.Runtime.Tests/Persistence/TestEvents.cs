using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>An event type registered in <see cref="TestEvents.Registry"/>.</summary>
public sealed record ItemAdded(string Item, int Quantity);

/// <summary>A snapshot type registered in <see cref="TestEvents.Registry"/>.</summary>
public sealed record CartState(IReadOnlyList<string> Items);

/// <summary>Never registered: writing it must be rejected.</summary>
public sealed record NotRegistered(string Value);

/// <summary>Registered, but its getter throws while serializing.</summary>
public sealed class ExplodingEvent
{
    public string Value => throw new InvalidOperationException("boom while serializing");
}

public static class TestEvents
{
    public const string ItemAddedManifest = "test.item-added.v1";

    public static SerializerRegistry Registry() => new SerializerRegistry()
        .Register<ItemAdded>(ItemAddedManifest)
        .Register<CartState>("test.cart-state.v1")
        .Register<ExplodingEvent>("test.exploding.v1");

    public const string Writer = "writer-a";

    public static PersistentRepresentation Event(string pid, long seq, string? writer = null, params string[] tags) =>
        new(new ItemAdded($"item-{seq}", (int)seq), pid, seq, writer ?? Writer, tags);

    public static AtomicWrite Write(string pid, long seq, string? writer = null, params string[] tags) => new(Event(pid, seq, writer, tags));

    public static AtomicWrite Range(string pid, long from, long to, string? writer = null) =>
        new(Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Event(pid, s, writer)).ToList());

    public static CancellationToken Deadline(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
