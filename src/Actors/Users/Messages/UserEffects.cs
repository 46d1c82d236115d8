using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// Something the entity must send after the decision's events are persisted: these are the outputs of the pure core
/// towards edges and other entities. If persisting fails, the entity drops the effects with the decision.
/// </summary>
public interface IUserEffect;

/// <summary>Send a watcher a presence change or the end of its subscription (RFC 6665 NOTIFY / a web push frame).</summary>
public sealed record NotifyWatcher(EdgeEndpoint Watcher, UserAddress Presentity, SubscriptionState State, PresenceView? View, WatcherTermination? Reason) : IUserEffect;

/// <summary>A place a chat message can be delivered to.</summary>
/// <param name="Kind">SIP binding (send a MESSAGE to <see cref="ContactUri"/> over the flow) or web session.</param>
/// <param name="Edge">The node and flow token or session id.</param>
/// <param name="ContactUri">The binding's Contact URI; null for web sessions.</param>
public sealed record DeliveryTarget(DeviceKind Kind, EdgeEndpoint Edge, string? ContactUri);

/// <summary>Deliver a chat message to these devices; each confirms with <see cref="ConfirmDelivery"/>. Clients de-duplicate by message id.</summary>
public sealed record DeliverChat(ChatMessage Message, IReadOnlyList<DeliveryTarget> Targets) : IUserEffect;

/// <summary>Send a command to another user's entity (authorization requests and answers, chat, receipts).</summary>
public sealed record TellUser(UserAddress To, IUserCommand Command) : IUserEffect;
