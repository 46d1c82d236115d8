namespace Cluster.Runtime.Sharding;

/// <summary>
/// Thrown by an <see cref="IShardLocator"/> that has given up placing a shard for now (no member may host it, or
/// it could not be placed within <c>shard-start-timeout</c>). Unlike any other locator failure, which the region
/// retries while the messages wait, this one makes the region reject the shard's buffered messages at once, so
/// their senders learn it instead of waiting; the next message for the shard asks again.
/// </summary>
public sealed class ShardHomeUnavailableException(string message) : ShardDeliveryException(message);
