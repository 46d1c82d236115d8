namespace Cluster.Runtime.Persistence.Serialization;

/// <summary>
/// A payload could not be turned into bytes (type not registered, JSON failure) or back. On write it makes the
/// journal reject the write (nothing stored, the actor continues); on read it names what could not be loaded.
/// </summary>
public sealed class PayloadSerializationException : Exception
{
    public PayloadSerializationException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
