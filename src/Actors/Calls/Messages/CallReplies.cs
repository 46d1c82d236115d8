using System.Text.Json.Serialization;

namespace Cluster.Actors.Calls;

/// <summary>
/// Answers of the call entity to its commands. SIP responses are effects (<see cref="SendResponse"/>), not replies: a
/// reply only says whether the command was taken. Replies to commands with ids are journaled, hence the discriminators.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(CallAccepted), "accepted")]
[JsonDerivedType(typeof(CallRejected), "rejected")]
[JsonDerivedType(typeof(CallView), "call")]
public interface ICallReply;

/// <summary>The command was taken; <paramref name="Phase"/> is the call's phase afterwards.</summary>
public sealed record CallAccepted(CallPhase Phase) : ICallReply;

/// <summary>The command was refused and nothing changed; the edge sends <paramref name="Response"/> if it is answering a request.</summary>
public sealed record CallRejected(CallErrorCode Code, string Reason, SipResponse Response) : ICallReply;
