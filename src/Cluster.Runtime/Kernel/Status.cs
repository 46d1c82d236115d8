namespace Cluster.Runtime.Kernel;

/// <summary>
/// Replies that carry an outcome rather than a value, as in Akka: an <c>Ask</c> answered with
/// <see cref="Failure"/> faults the asker's task with <see cref="Failure.Cause"/>.
/// </summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause)
    {
        public Exception Cause { get; } = Cause ?? throw new ArgumentNullException(nameof(Cause));
    }
}
