namespace Cluster.Runtime.Kernel;

/// <summary>Akka's conveniences on references: implicit sender, Forward and Ask.</summary>
public static class ActorRefExtensions
{
    /// <summary>Tells with the current actor as sender (no sender outside actors), like Akka's implicit sender.</summary>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.SelfRef);
    }

    /// <summary>Sends <paramref name="message"/> keeping the sender of the message being processed.</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var cell = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be used inside an actor.");
        cell.Forward(receiver, message);
    }

    /// <summary>
    /// Sends <paramref name="message"/> and returns the reply. The reply address is a lightweight temporary
    /// reference (no actor per ask). Fails with <see cref="AskTimeoutException"/> after <paramref name="timeout"/>
    /// (the system's default ask timeout when null), with the cause of a <see cref="Status.Failure"/> reply, or as
    /// cancelled when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(receiver);
        if (system is null)
            return Task.FromException<T>(new AskTimeoutException(
                $"Ask of {message.GetType().FullName} to {receiver.Path} cannot get a reply: the recipient belongs to no actor system."));
        var effective = timeout ?? system.Settings.AskTimeout;
        if (effective <= TimeSpan.Zero && effective != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), effective, "An ask timeout must be positive (or infinite).");
        if (receiver is InternalActorRef { IsTerminated: true } && receiver is not DeadLetterActorRef)
        {
            system.DeadLetterRef.Deliver(message, null, receiver);
            return Task.FromException<T>(new AskTimeoutException(
                $"Ask of {message.GetType().FullName} to {receiver.Path} failed: the recipient had already terminated."));
        }
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        var promise = new PromiseActorRef<T>(system.Provider, receiver, message.GetType(), effective);
        promise.Start(system.Settings.TimeProvider, cancellationToken);
        receiver.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Ask for a reply of any type.</summary>
    public static Task<object> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Ask<object>(receiver, message, timeout, cancellationToken);

    private static ActorSystem? SystemOf(IActorRef receiver) => receiver switch
    {
        LocalActorRef local => local.Cell.System,
        IHasActorSystem owned => owned.System,
        _ => ActorCell.Current?.System,
    };
}

