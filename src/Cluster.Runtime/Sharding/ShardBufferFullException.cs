namespace Cluster.Runtime.Sharding;

/// <summary>
/// A message was rejected because the buffer of its region or shard was full (<c>uc.sharding.buffer-size</c>): the
/// shard's home was unknown or the shard was being handed off or the entity was passivating, for longer than the
/// incoming rate allows. Retrying later is safe.
/// </summary>
public sealed class ShardBufferFullException(string message) : ShardDeliveryException(message);
