using Cluster.Actors.Common;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// What the client API keeps per client session: the endpoint user entities address it by, the contacts it watches
/// (to refresh and to unsubscribe at the end) and its heartbeat timer.
/// </summary>
internal sealed class WebSessionLink(IClientSession session, UserAddress user, EdgeEndpoint endpoint)
{
    private readonly Lock gate = new();
    private readonly HashSet<UserAddress> watched = [];

    public IClientSession Session { get; } = session;

    public UserAddress User { get; } = user;

    public EdgeEndpoint Endpoint { get; } = endpoint;

    /// <summary>True while no WebSocket is attached; reported to the user entity as an idle device.</summary>
    public bool Detached { get; set; }

    public ITimer? Heartbeat { get; set; }

    public bool Ended { get; private set; }

    private Task tail = Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="work"/> after the work queued before it, so the announcements, refreshes and the final
    /// goodbye of one session reach the user entity in the order the session lived them.
    /// </summary>
    public void Enqueue(Func<Task> work)
    {
        lock (gate)
            tail = tail.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Completes when everything queued so far has run (for tests and orderly shutdown).</summary>
    public Task Drained
    {
        get
        {
            lock (gate)
                return tail;
        }
    }

    public IReadOnlyList<UserAddress> Watched
    {
        get
        {
            lock (gate)
                return watched.ToArray();
        }
    }

    public void Watch(UserAddress presentity)
    {
        lock (gate)
            watched.Add(presentity);
    }

    public void Unwatch(UserAddress presentity)
    {
        lock (gate)
            watched.Remove(presentity);
    }

    /// <summary>Marks the link ended and returns what it watched, for the final unsubscribes.</summary>
    public IReadOnlyList<UserAddress> End()
    {
        lock (gate)
        {
            Ended = true;
            var all = watched.ToArray();
            watched.Clear();
            return all;
        }
    }
}
