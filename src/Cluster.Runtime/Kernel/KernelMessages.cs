namespace Cluster.Runtime.Kernel;

/// <summary>
/// Marker for messages the cell handles itself before the actor's behaviour (Akka's AutoReceivedMessage). Internal
/// so that one interface check on the hot path tells them apart.
/// </summary>
internal interface IAutoReceivedMessage;

/// <summary>Messages that do not reset the receive timeout (Akka's NotInfluenceReceiveTimeout).</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Stops the actor once it reaches the head of the mailbox: messages sent before it are processed first.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
    public override string ToString() => "PoisonPill";
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>, which the default supervisor answers with Stop.</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();
    private Kill() { }
    public override string ToString() => "Kill";
}

/// <summary>Every actor answers with <see cref="ActorIdentity"/>; used to resolve a selection to a reference.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;

/// <summary>Answer to <see cref="Identify"/>: <see cref="Subject"/> is null when nothing lives at the path.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>
/// Delivered once to every watcher when a watched actor stops, also when the actor was already dead at the time
/// of <c>Watch</c> (then <see cref="ExistenceConfirmed"/> may be false).
/// </summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated);

/// <summary>Sent to an actor that received nothing for its receive timeout (<c>Context.SetReceiveTimeout</c>).</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();
    private ReceiveTimeout() { }
    public override string ToString() => "ReceiveTimeout";
}

/// <summary>Base of everything published on the event stream about undelivered messages.</summary>
public abstract record AllDeadLetters(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A message that could not be delivered: the recipient was stopped or never existed.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient) : AllDeadLetters(Message, Sender, Recipient);

/// <summary>A message an actor did not handle; published on the event stream and logged at debug level.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
