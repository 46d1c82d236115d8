using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Persistence.Actors;

/// <summary>Many actors writing through the shared group-commit journal at once.</summary>
public abstract partial class PersistentActorSpec
{
    [Fact]
    public async Task A_thousand_actors_persisting_concurrently_all_recover_their_exact_state()
    {
        const int actors = 1000;
        const int perActor = 5;
        var carts = Enumerable.Range(0, actors).Select(i => StartCart($"many-{i}")).ToArray();
        var acks = new List<Task<Added>>(actors * perActor);
        for (var n = 0; n < perActor; n++)
            for (var i = 0; i < actors; i++)
                acks.Add(carts[i].Ask<Added>(new Add($"c{i}-e{n}"), Timeout.InfiniteTimeSpan));
        await Within(Task.WhenAll(acks), $"{actors * perActor} acks");

        var nodeB = StartSystem("node-b");   // a fresh system recovers every actor from the store
        var views = await Within(Task.WhenAll(Enumerable.Range(0, actors).Select(i =>
            StartCart($"many-{i}", system: nodeB).Ask<CartView>(new GetCart(), Timeout.InfiniteTimeSpan))), "all recovered states");
        for (var i = 0; i < actors; i++)
        {
            Assert.Equal(Enumerable.Range(0, perActor).Select(n => $"c{i}-e{n}"), views[i].Items);
            Assert.Equal(perActor, views[i].LastSequenceNr);
        }
    }
}
