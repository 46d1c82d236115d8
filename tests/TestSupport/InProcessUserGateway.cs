using System.Collections.Concurrent;
using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.TestSupport;

/// <summary>
/// Runs the real user domain (<see cref="UserDecider"/>) in memory, one lock per user, for edge tests that need users
/// without a node: decisions are applied exactly as the entity applies them (events, then ephemeral changes, then
/// effects), but nothing is journaled. Effects go to the sinks registered for their node id; <see cref="TellUser"/>
/// effects are sent to the other user in the same way.
/// </summary>
public sealed class InProcessUserGateway : IUserGateway
{
    private readonly ConcurrentDictionary<UserAddress, UserSlot> users = new();
    private readonly ConcurrentDictionary<string, List<IEdgeEffectSink>> sinks = new();
    private readonly UserDecider decider;
    private readonly TimeProvider time;

    public InProcessUserGateway(UserSettings? settings = null, TimeProvider? time = null)
    {
        decider = new UserDecider(settings ?? UserSettings.Default);
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Effects not taken by any sink (e.g. for a node that has none registered).</summary>
    public ConcurrentQueue<IUserEffect> Undelivered { get; } = new();

    /// <summary>Effects addressed to <paramref name="nodeId"/> go to <paramref name="sink"/> (several per node allowed).</summary>
    public void RegisterSink(string nodeId, IEdgeEffectSink sink) =>
        sinks.GetOrAdd(nodeId, _ => new List<IEdgeEffectSink>()).Add(sink);

    /// <summary>The current state of a user, for assertions.</summary>
    public UserState StateOf(UserAddress user)
    {
        var slot = users.GetOrAdd(user, a => new UserSlot(UserState.Initial(a)));
        lock (slot)
        {
            return slot.State;
        }
    }

    public Task<IUserReply> SendAsync(UserAddress user, IUserCommand command, CancellationToken cancellationToken = default)
    {
        var slot = users.GetOrAdd(user, a => new UserSlot(UserState.Initial(a)));
        UserDecision decision;
        lock (slot)
        {
            decision = decider.Decide(slot.State, command, time.GetUtcNow());
            slot.State = decision.ApplyTo(slot.State);
        }
        foreach (var effect in decision.Effects)
        {
            Dispatch(effect);
        }
        return Task.FromResult(decision.Reply);
    }

    public Task<IUserReply> QueryAsync(UserAddress user, IUserQuery query, CancellationToken cancellationToken = default)
    {
        var slot = users.GetOrAdd(user, a => new UserSlot(UserState.Initial(a)));
        lock (slot)
        {
            return Task.FromResult(decider.Query(slot.State, query, time.GetUtcNow()));
        }
    }

    private void Dispatch(IUserEffect effect)
    {
        switch (effect)
        {
            case TellUser tell:
                _ = SendAsync(tell.To, tell.Command);
                break;
            case NotifyWatcher notify when SinksOf(notify.Watcher).Any(s => s.TryNotify(notify)):
                break;
            case DeliverChat chat:
                foreach (var target in chat.Targets)
                {
                    if (!SinksOf(target.Edge).Any(s => s.TryDeliver(chat.Message, target)))
                    {
                        Undelivered.Enqueue(new DeliverChat(chat.Message, [target]));
                    }
                }
                break;
            case NotifySessions notice:
                foreach (var session in notice.Sessions)
                {
                    if (!SinksOf(session).Any(s => s.TryInform(session, notice.Notice)))
                    {
                        Undelivered.Enqueue(new NotifySessions([session], notice.Notice));
                    }
                }
                break;
            default:
                Undelivered.Enqueue(effect);
                break;
        }
    }

    private IEnumerable<IEdgeEffectSink> SinksOf(EdgeEndpoint endpoint) =>
        sinks.TryGetValue(endpoint.NodeId, out var list) ? list : [];

    private sealed class UserSlot(UserState state)
    {
        public UserState State { get; set; } = state;
    }
}
