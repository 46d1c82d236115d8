using System.Net.WebSockets;

namespace Cluster.Edges.Web;

/// <summary>
/// WebSocket close codes the client endpoint uses: the RFC 6455 §7.4.1 codes where one fits, and codes from the
/// private range 4000-4999 (§7.4.2) for session events a client reacts to differently (log in again, or stop
/// reconnecting because another connection took the session).
/// </summary>
public static class ClientCloseCodes
{
    /// <summary>1000: normal closure, also used for the idle timeout.</summary>
    public const WebSocketCloseStatus Normal = WebSocketCloseStatus.NormalClosure;

    /// <summary>1001: the node is shutting down; reconnect (to any node).</summary>
    public const WebSocketCloseStatus GoingAway = WebSocketCloseStatus.EndpointUnavailable;

    /// <summary>1003: a binary frame arrived; this protocol is JSON text only.</summary>
    public const WebSocketCloseStatus UnsupportedData = WebSocketCloseStatus.InvalidMessageType;

    /// <summary>1008: policy violation: flooding, no authentication in time, failed authentication, slow consumer.</summary>
    public const WebSocketCloseStatus PolicyViolation = WebSocketCloseStatus.PolicyViolation;

    /// <summary>1009: a message larger than <c>uc.web.websocket.max-message-size</c>.</summary>
    public const WebSocketCloseStatus MessageTooBig = WebSocketCloseStatus.MessageTooBig;

    /// <summary>4001: the token was logged out, revoked or expired; log in again.</summary>
    public const WebSocketCloseStatus TokenEnded = (WebSocketCloseStatus)4001;

    /// <summary>4002: another connection resumed this session; do not reconnect automatically.</summary>
    public const WebSocketCloseStatus SessionTakenOver = (WebSocketCloseStatus)4002;
}
