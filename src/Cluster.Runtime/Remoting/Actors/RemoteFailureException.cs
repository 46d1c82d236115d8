namespace Cluster.Runtime.Remoting;

/// <summary>
/// The cause of a <see cref="Cluster.Runtime.Kernel.Status.Failure"/> that came from another node. Exceptions are not
/// serialized as objects (their types may not exist here, and rebuilding arbitrary types from the wire is unsafe):
/// the failure travels as the original type name and message, which this exception carries.
/// </summary>
public sealed class RemoteFailureException : Exception
{
    public RemoteFailureException(string originalType, string message)
        : base(message)
    {
        OriginalType = originalType ?? throw new ArgumentNullException(nameof(originalType));
    }

    /// <summary>Full CLR name of the exception thrown on the other node, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string OriginalType { get; }

    public override string ToString() => $"{OriginalType} (remote): {Message}";
}
