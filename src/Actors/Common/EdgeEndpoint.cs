namespace Cluster.Actors.Common;

/// <summary>
/// Something an edge node holds on behalf of an entity: a SIP flow, a WebSocket session, a SUBSCRIBE dialog. Entities
/// never own connections; they remember which node holds one and under which token, and answer through that node.
/// </summary>
/// <param name="NodeId">The node whose edge holds the connection.</param>
/// <param name="Token">The edge's own id for it (flow token, session id, subscription id); opaque to entities.</param>
public sealed record EdgeEndpoint(string NodeId, string Token)
{
    /// <summary>A stable string key (<c>node/token</c>) used to index endpoints in entity state.</summary>
    public string Key => $"{NodeId}/{Token}";

    /// <summary>Checks both parts are present; entities reject a command carrying an invalid endpoint.</summary>
    public bool IsValid => !string.IsNullOrWhiteSpace(NodeId) && !string.IsNullOrWhiteSpace(Token);

    public override string ToString() => Key;
}
