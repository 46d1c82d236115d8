using Cluster.Actors.Users;
using Cluster.Runtime.Kernel;

namespace Cluster.Actors.Calls.Entity;

/// <summary>Effects (to the edges that hold the legs' flows and to user entities) and journal failures.</summary>
public sealed partial class CallEntity
{
    /// <summary>What a lookup answers when the user's entity could not be asked: no devices, so the group is unreachable (480).</summary>
    private static readonly CallTargetsReply Unreachable = new(Availability.Offline, false, [], [], [], [], null);

    private void CarryOut(IReadOnlyList<ICallEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case SendInvite e: Route(e.Leg.NodeId, e); break;
                case SendCancel e: Route(e.Leg.NodeId, e); break;
                case SendAck e: Route(e.Leg.NodeId, e); break;
                case SendBye e: Route(e.Leg.NodeId, e); break;
                case SendReinvite e: Route(e.Leg.NodeId, e); break;
                case SendUpdate e: Route(e.Leg.NodeId, e); break;
                case SendNotify e: Route(e.Leg.NodeId, e); break;
                case SendResponse e:
                    // The server transaction lives on the node whose flow the request arrived on: the leg's flow.
                    Route(state.FindLeg(e.LegId)?.NodeId, e);
                    break;
                case WakePushDevice e:
                    // Push channels are not bound to a node: the local push edge (if any) takes it.
                    Route(null, e);
                    break;
                case LookupTargets e:
                    Lookup(e);
                    break;
                case InformUser e:
                    Inform(e);
                    break;
                default:
                    log.Warning("Call {CallId}: unknown effect {Effect} dropped", callId, effect.GetType().Name);
                    break;
            }
        }
    }

    /// <summary>Sends a SIP or push effect to the router of <paramref name="nodeId"/>; null = a leg routed by URI, sent from here.</summary>
    private void Route(string? nodeId, ICallEffect effect)
    {
        var node = nodeId ?? localNodeId;
        if (routers.TryResolve(node, out var router))
        {
            router.Tell(effect, Self);
            return;
        }

        log.Debug("Call {CallId}: no route to node {NodeId} for {Effect}; dead-lettered", callId, node, effect.GetType().Name);
        Context.System.DeadLetters.Tell(effect, Self);
    }

    /// <summary>
    /// Asks the user entity for its call targets; the answer comes back to this entity as <see cref="TargetsResolved"/>
    /// (sent without a sender, so it gets no reply). No such user → null targets (404); the user entity unreachable or
    /// too slow → no targets (480, the caller may retry).
    /// </summary>
    private void Lookup(LookupTargets lookup)
    {
        var self = Self;
        var timeout = new CancellationTokenSource(settings.LookupTimeout);
        users.QueryAsync(lookup.User, GetCallTargets.Instance, timeout.Token).ContinueWith(task =>
        {
            timeout.Dispose();
            CallTargetsReply? targets;
            if (task.IsCompletedSuccessfully)
            {
                targets = task.Result switch
                {
                    CallTargetsReply reply => reply,
                    CommandRejected { Code: UserErrorCode.NotFound } => null,
                    var other => Unresolved(lookup, $"answered {other.GetType().Name}"),
                };
            }
            else
            {
                targets = Unresolved(lookup, task.Exception?.GetBaseException().Message ?? "the lookup was cancelled after " + settings.LookupTimeout);
            }

            self.Tell(new TargetsResolved(lookup.LookupId, targets), ActorRefs.NoSender);
        }, TaskScheduler.Default);
    }

    private CallTargetsReply Unresolved(LookupTargets lookup, string why)
    {
        log.Warning("Call {CallId}: targets of {User} could not be looked up ({Reason}); treating the user as unreachable",
            callId, lookup.User, why);
        return Unreachable;
    }

    /// <summary>Tells a user entity about the call; fire-and-forget (the command id de-duplicates a resend), failures logged.</summary>
    private void Inform(InformUser inform) =>
        users.SendAsync(inform.User, inform.Command).ContinueWith(task =>
        {
            if (!task.IsCompletedSuccessfully)
            {
                log.Warning(task.Exception?.GetBaseException(), "Call {CallId}: telling {User} {Command} failed", callId, inform.User, inform.Command.GetType().Name);
            }
            else if (task.Result is CommandRejected rejected)
            {
                log.Information("Call {CallId}: {User} refused {Command}: {Code} {Reason}", callId, inform.User, inform.Command.GetType().Name,
                    rejected.Code, rejected.Reason);
            }
        }, TaskScheduler.Default);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        log.Error(cause, "Call {CallId}: the journal did not store {EventType} at sequence number {SequenceNr}; the entity stops and recovers on its next message",
            callId, @event.GetType().Name, sequenceNr);
        FailPending($"call {callId} could not store the change: {cause.Message}", transient: true, cause);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        log.Error(cause, "Call {CallId}: the journal refused {EventType} at sequence number {SequenceNr} (not serializable); the command is dropped",
            callId, @event.GetType().Name, sequenceNr);
        FailPending($"call {callId} could not store the change: {cause.Message}", transient: false, cause);
    }

    protected override void OnRecoveryFailure(Exception cause, object? @event) =>
        log.Error(cause, "Call {CallId} failed to recover (at sequence number {SequenceNr}, {EventType}) and stops: {Reason}",
            callId, LastSequenceNr, @event?.GetType().Name ?? "loading", cause.Message);

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
            waiting.ReplyTo.Tell(new Status.Failure(new CallEntityException(callId, $"{reason} ({waiting.CommandType})", transient, cause)), Self);
        }
    }
}
