namespace Cluster.Runtime.Kernel;

/// <summary>An Ask got no reply in time; the message names the target and the message type.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);

/// <summary>The actor could not be constructed or its PreStart failed; the default supervisor stops it.</summary>
public sealed class ActorInitializationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Raised inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>An actor received <see cref="Terminated"/> for a watched actor and did not handle it.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Monitored actor {deadActor} terminated and the watcher did not handle Terminated.")
{
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>An actor name is empty, malformed or already taken by a live sibling.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);

/// <summary>An operation was used in a state where it cannot work (e.g. stashing the same message twice).</summary>
public sealed class IllegalActorStateException(string message) : InvalidOperationException(message);

/// <summary>An actor selection resolved to no actor.</summary>
public sealed class ActorNotFoundException(string message) : Exception(message);
