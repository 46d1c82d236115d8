using System.Text.Json.Nodes;
using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Edges.Web.Api;

/// <summary>The receiving end of user-entity effects for the sessions this node holds: each becomes a push.</summary>
public sealed partial class WebClientApi
{
    /// <summary>Push types (docs/api/websocket.md, "Pushes").</summary>
    internal static class Pushes
    {
        public const string PresenceChanged = "presence.changed";
        public const string ChatMessage = "chat.message";
        public const string ChatReceipt = "chat.receipt";
        public const string ContactRequest = "contacts.request";
        public const string ContactAnswer = "contacts.answer";
    }

    /// <summary>A watched contact's presence changed (or the subscription ended): <c>presence.changed</c>.</summary>
    public bool TryNotify(NotifyWatcher notify)
    {
        ArgumentNullException.ThrowIfNull(notify);
        if (Owned(notify.Watcher) is not { } link)
            return false;
        if (notify.State == SubscriptionState.Terminated)
            link.Unwatch(notify.Presentity);
        link.Session.Push(Pushes.PresenceChanged, ApiJson.Presence(notify.Presentity, notify.State, notify.View?.Level, notify.View, notify.Reason));
        return true;
    }

    /// <summary>A chat message for a session of this node: <c>chat.message</c>; the client confirms with <c>chat.delivered</c>.</summary>
    public bool TryDeliver(ChatMessage message, DeliveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != DeviceKind.Web || Owned(target.Edge) is not { } link)
            return false;
        link.Session.Push(Pushes.ChatMessage, new JsonObject { ["message"] = ApiJson.Message(message) });
        return true;
    }

    /// <summary>Authorization requests and answers and chat receipts for a session of this node.</summary>
    public bool TryInform(EdgeEndpoint session, UserNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (Owned(session) is not { } link)
            return false;
        switch (notice)
        {
            case AuthorizationRequestNotice n:
                link.Session.Push(Pushes.ContactRequest, new JsonObject
                {
                    ["from"] = n.Request.Peer.ToString(),
                    ["displayName"] = Options.Directory?.Find(n.Request.Peer)?.DisplayName,
                    ["message"] = n.Request.Message,
                    ["at"] = n.Request.At,
                });
                break;
            case AuthorizationAnswerNotice n:
                link.Session.Push(Pushes.ContactAnswer, new JsonObject { ["peer"] = n.Peer.ToString(), ["accepted"] = n.Accepted, ["at"] = n.At });
                break;
            case ChatReceiptNotice n:
                link.Session.Push(Pushes.ChatReceipt, new JsonObject
                {
                    ["messageId"] = n.MessageId,
                    ["peer"] = n.Peer.ToString(),
                    ["kind"] = ApiNames.Of(n.Kind),
                    ["at"] = n.At,
                });
                break;
            default:
                log.Warning("Notice {Notice} for session {Session} has no push type; dropped", notice.GetType().Name, session);
                break;
        }
        return true;
    }

    private WebSessionLink? Owned(EdgeEndpoint endpoint) =>
        string.Equals(endpoint.NodeId, NodeId, StringComparison.Ordinal) && links.TryGetValue(endpoint.Token, out var link) ? link : null;
}
