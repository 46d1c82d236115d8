using Cluster.Runtime.Sharding;

namespace Cluster.Runtime.Tests.Sharding;

public class HashCodeMessageExtractorTests
{
    // FNV-1a 32-bit reference values (the FNV authors' test suite: "" and "a", "foobar"), plus ids computed
    // independently (Python over UTF-8). A change here would move every entity to another shard.
    [Theory]
    [InlineData("", 0x811C9DC5u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    [InlineData("alice@example.com", 0x94A4B546u)]
    [InlineData("zoë@example.com", 0x38815A41u)]
    public void Fnv1a_matches_known_vectors(string text, uint expected) => Assert.Equal(expected, StableHash.Fnv1a32(text));

    [Theory]
    [InlineData("alice@example.com", 1000, "278")]
    [InlineData("zoë@example.com", 1000, "345")]
    [InlineData("user-42", 1000, "499")]
    [InlineData("user-42", 100, "99")]
    [InlineData("a", 100, "20")]
    public void Entity_id_maps_to_the_same_shard_in_every_process(string entityId, int shards, string expected)
    {
        var extractor = HashCodeMessageExtractor.Create(shards);
        Assert.Equal(expected, extractor.ShardId(entityId));
        Assert.Equal(expected, extractor.ShardId((object)new ShardingEnvelope(entityId, "payload")));
    }

    [Fact]
    public void Long_ids_hash_like_short_ones_without_truncation()
    {
        var longId = new string('x', 5000);
        Assert.NotEqual(StableHash.Fnv1a32(longId), StableHash.Fnv1a32(longId[..4999]));
        Assert.Equal(StableHash.Fnv1a32(System.Text.Encoding.UTF8.GetBytes(longId)), StableHash.Fnv1a32(longId));
    }

    [Fact]
    public void Envelope_is_unwrapped_and_other_messages_use_the_given_id_function()
    {
        var extractor = HashCodeMessageExtractor.Create(10, m => m is int n ? $"n{n}" : null);
        Assert.Equal("e1", extractor.EntityId(new ShardingEnvelope("e1", "hello")));
        Assert.Equal("hello", extractor.EntityMessage(new ShardingEnvelope("e1", "hello")));
        Assert.Equal("n7", extractor.EntityId(7));
        Assert.Equal(7, extractor.EntityMessage(7));
        Assert.Null(extractor.EntityId("no id"));
        Assert.Throws<ArgumentException>(() => extractor.ShardId((object)"no id"));
    }

    [Fact]
    public void Shard_ids_spread_over_all_shards()
    {
        var extractor = HashCodeMessageExtractor.Create(100);
        var counts = Enumerable.Range(0, 100_000).GroupBy(i => extractor.ShardId($"user-{i}@example.com")).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(100, counts.Count);
        Assert.InRange(counts.Values.Min(), 800, 1000);
        Assert.InRange(counts.Values.Max(), 1000, 1200);
    }

    [Fact]
    public void Shard_count_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HashCodeMessageExtractor.Create(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => HashCodeMessageExtractor.Create(100_001));
    }
}
