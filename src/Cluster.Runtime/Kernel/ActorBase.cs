using Serilog;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// Base of every actor (Akka's ActorBase): a class whose instance only ever runs on one thread at a time and talks
/// to the world through messages. Instances are created by the runtime from <see cref="Props"/>; constructing one
/// with <c>new</c> outside <c>ActorOf</c> fails. Lifecycle hooks have Akka's defaults: PreRestart stops all children
/// and calls PostStop, PostRestart calls PreStart.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell cell;

    protected ActorBase()
    {
        cell = ActorCell.TakeConstructing()
               ?? throw new ActorInitializationException(
                   $"{GetType().Name} was constructed directly; actors are created with ActorOf(Props.Create(...)).");
    }

    internal ActorCell Cell => cell;

    /// <summary>The actor's context; valid inside handlers, also across awaits of async handlers.</summary>
    protected IActorContext Context => cell;

    protected IActorRef Self => cell.Self;

    /// <summary>The sender of the message being processed (dead letters when none).</summary>
    protected IActorRef Sender => cell.Sender;

    /// <summary>Serilog logger enriched with <c>ActorPath</c>.</summary>
    protected ILogger Log => cell.Log;

    /// <summary>Handles a message; returns false when it was not handled (then <see cref="Unhandled"/> runs).</summary>
    protected abstract bool Receive(object message);

    protected virtual void PreStart() { }

    protected virtual void PostStop() { }

    /// <summary>Runs on the failed instance before a restart. Default: unwatch and stop all children, then PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in cell.Children)
        {
            cell.Unwatch(child);
            cell.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart. Default: PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children (default: restart on any exception, Akka's default decider).</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for messages no behaviour handled. An unhandled <see cref="Terminated"/> fails the actor with
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/> and logged at
    /// debug level.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        var system = cell.System;
        system.EventStream.Publish(new UnhandledMessage(message, cell.Sender, cell.Self));
        Log.Debug("Unhandled message {MessageType} from {Sender}", message.GetType().FullName, cell.Sender.Path.ToString());
    }

    /// <summary>
    /// Runs an async function inside the actor: user messages wait until its task completes, continuations after
    /// await run inside the mailbox, and a fault is handled by supervision like a thrown exception.
    /// </summary>
    protected void RunTask(Func<Task> action) => cell.RunTask(action);

    internal bool ReceiveInternal(object message) => Receive(message);

    /// <summary>
    /// Runs one user message through <paramref name="behavior"/> (the behaviour set by Become) or, when null, through
    /// <see cref="Receive"/>. Persistent actors override it to stash while recovering or persisting and to flush the
    /// events a command persisted (Akka's <c>AroundReceive</c>).
    /// </summary>
    internal virtual bool AroundReceive(Receive? behavior, object message) => behavior is null ? Receive(message) : behavior(message);
    internal void UnhandledInternal(object message) => Unhandled(message);
    internal SupervisorStrategy? SupervisorStrategyInternal() => SupervisorStrategy();
    internal virtual void AroundPreStart() => PreStart();
    internal virtual void AroundPostStop() => PostStop();
    internal virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    /// <summary>Called once construction finished (ReceiveActor seals its handler table).</summary>
    internal virtual void OnConstructed() { }
}
