using System.Text.Json.Serialization;
using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// Something the user's own clients should learn at once although it is not a presence change or a chat message:
/// a contact asked for authorization, a peer answered one of the user's requests, a sent message was delivered or
/// read. SIP devices have no channel for these; web and app sessions show them live.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(AuthorizationRequestNotice), "authorization-request")]
[JsonDerivedType(typeof(AuthorizationAnswerNotice), "authorization-answer")]
[JsonDerivedType(typeof(ChatReceiptNotice), "chat-receipt")]
public abstract record UserNotice;

/// <summary>A peer asks the user for permission to see their presence; the client offers accept/deny.</summary>
public sealed record AuthorizationRequestNotice(AuthorizationRequest Request) : UserNotice;

/// <summary>A peer answered the user's authorization request.</summary>
public sealed record AuthorizationAnswerNotice(UserAddress Peer, bool Accepted, DateTimeOffset At) : UserNotice;

/// <summary>A message the user sent was delivered to or read by its recipient.</summary>
public sealed record ChatReceiptNotice(string MessageId, UserAddress Peer, ChatReceiptKind Kind, DateTimeOffset At) : UserNotice;

/// <summary>
/// Tell these live sessions of the user about <see cref="Notice"/>. Best effort and not retried: a client that
/// misses one (no session was live) finds the same facts in the contact list and chat history it loads on connect.
/// </summary>
public sealed record NotifySessions(IReadOnlyList<EdgeEndpoint> Sessions, UserNotice Notice) : IUserEffect;
