namespace Cluster.Edges.Web;

/// <summary>
/// Thrown by a message handler to answer with an <c>error</c> of its own code (e.g. "not-found", "forbidden"),
/// as opposed to any other exception, which becomes "internal-error" with a log line.
/// </summary>
public sealed class ClientRequestException(string code, string message) : Exception(message)
{
    /// <summary>Error code sent to the client; lower-case words joined by '-'.</summary>
    public string Code { get; } = !string.IsNullOrWhiteSpace(code) ? code : throw new ArgumentException("error code must not be empty", nameof(code));
}
