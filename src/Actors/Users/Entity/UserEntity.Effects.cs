using Cluster.Runtime.Kernel;

namespace Cluster.Actors.Users.Entity;

/// <summary>Effects (to edges and other users), answers from other users, and journal failures.</summary>
public sealed partial class UserEntity
{
    private void CarryOut(IReadOnlyList<IUserEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case NotifyWatcher notify:
                    Route(notify.Watcher.NodeId, notify);
                    break;
                case DeliverChat chat:
                    foreach (var byNode in chat.Targets.GroupBy(t => t.Edge.NodeId, StringComparer.Ordinal))
                    {
                        Route(byNode.Key, chat.Targets.Count == byNode.Count() ? chat : new DeliverChat(chat.Message, [.. byNode]));
                    }

                    break;
                case NotifySessions notice:
                    foreach (var byNode in notice.Sessions.GroupBy(e => e.NodeId, StringComparer.Ordinal))
                    {
                        Route(byNode.Key, notice.Sessions.Count == byNode.Count() ? notice : notice with { Sessions = [.. byNode] });
                    }

                    break;
                case TellUser tell:
                    // Fire-and-forget with this entity as sender: the peer's answer comes back here and a refusal or
                    // failure is logged; an undeliverable message is dead-lettered (and logged) by sharding.
                    users().Tell(new UserEnvelope(tell.To, tell.Command), Self);
                    break;
                default:
                    log.Warning("User {User}: unknown effect {Effect} dropped", address, effect.GetType().Name);
                    break;
            }
        }
    }

    private void Route(string nodeId, IUserEffect effect)
    {
        if (routers.TryResolve(nodeId, out var router))
        {
            router.Tell(effect, Self);
            return;
        }

        log.Debug("User {User}: no route to node {NodeId} for {Effect}; dead-lettered", address, nodeId, effect.GetType().Name);
        Context.System.DeadLetters.Tell(effect, Self);
    }

    private void OnPeerReply(IUserReply reply)
    {
        if (reply is CommandRejected rejected)
        {
            log.Information("User {User}: {Peer} refused a command sent to it: {Code} {Reason}",
                address, Sender.Path.Name, rejected.Code, rejected.Reason);
        }
    }

    private void OnPeerFailure(Status.Failure failure) =>
        log.Warning(failure.Cause, "User {User}: a command sent to another user failed: {Reason}", address, failure.Cause.Message);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        log.Error(cause, "User {User}: the journal did not store {EventType} at sequence number {SequenceNr}; the entity stops and recovers on its next message",
            address, @event.GetType().Name, sequenceNr);
        FailPending($"user {address} could not store the change: {cause.Message}", transient: true, cause);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        log.Error(cause, "User {User}: the journal refused {EventType} at sequence number {SequenceNr} (not serializable); the command is dropped",
            address, @event.GetType().Name, sequenceNr);
        FailPending($"user {address} could not store the change: {cause.Message}", transient: false, cause);
    }

    protected override void OnRecoveryFailure(Exception cause, object? @event) =>
        log.Error(cause, "User {User} failed to recover (at sequence number {SequenceNr}, {EventType}) and stops: {Reason}",
            address, LastSequenceNr, @event?.GetType().Name ?? "loading", cause.Message);

    /// <summary>Answers the sender of the command being written with a failure, once.</summary>
    private void FailPending(string reason, bool transient, Exception? cause)
    {
        if (pending is not { } waiting)
        {
            return;
        }

        pending = null;
        if (!waiting.ReplyTo.Equals(Context.System.DeadLetters))
        {
            waiting.ReplyTo.Tell(new Status.Failure(new UserEntityException(address, $"{reason} ({waiting.CommandType})", transient, cause)), Self);
        }
    }
}
