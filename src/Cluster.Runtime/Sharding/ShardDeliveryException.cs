namespace Cluster.Runtime.Sharding;

/// <summary>
/// Why sharding could not deliver a message. An Ask whose message is rejected fails with it (through
/// <see cref="Kernel.Status.Failure"/>), so a caller learns at once instead of waiting for its ask timeout.
/// </summary>
public class ShardDeliveryException : Exception
{
    public ShardDeliveryException(string message) : base(message) { }

    public ShardDeliveryException(string message, Exception? innerException) : base(message, innerException) { }
}
