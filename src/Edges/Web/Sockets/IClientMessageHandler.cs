using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Edges.Web;

/// <summary>
/// Handles one message type of the client WebSocket (presence, chat, contacts, directory, phone control, push
/// devices, ...). Subsystems register handlers in the <see cref="ClientMessageRegistry"/>; the edge owns framing,
/// authentication, correlation and error replies, so a handler only turns a request into a result.
/// </summary>
public interface IClientMessageHandler
{
    /// <summary>
    /// Handles <paramref name="request"/>. The returned object is the <c>data</c> of the <c>result</c> reply (null
    /// sends <c>{}</c>). Throw <see cref="ClientRequestException"/> for an error with a specific code; any other
    /// exception becomes <c>internal-error</c> and is logged. Requests of one connection are handled one at a time,
    /// in order.
    /// </summary>
    ValueTask<JsonNode?> HandleAsync(ClientRequest request, CancellationToken cancellationToken);
}

/// <summary>An authenticated request as a handler sees it.</summary>
/// <param name="Type">The message type.</param>
/// <param name="Id">The client's correlation id (null when the client sent none).</param>
/// <param name="Data">The request's <c>data</c> object (empty object when absent).</param>
/// <param name="Session">The sender's session: user, and a way to push to it later.</param>
public sealed record ClientRequest(string Type, string? Id, JsonElement Data, IClientSession Session);
