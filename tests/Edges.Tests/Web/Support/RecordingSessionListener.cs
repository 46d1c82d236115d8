using Cluster.Edges.Web;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Support;

/// <summary>Records session lifecycle calls and lets a test wait for one with a deadline.</summary>
internal sealed class RecordingSessionListener : IClientSessionListener
{
    private readonly Lock gate = new();
    private readonly List<SessionEvent> events = [];
    private readonly List<(Func<SessionEvent, bool> Match, TaskCompletionSource<SessionEvent> Done)> waiters = [];

    public void SessionStarted(IClientSession session) => Add(new SessionEvent("started", session, null));

    public void SessionDetached(IClientSession session) => Add(new SessionEvent("detached", session, null));

    public void SessionResumed(IClientSession session) => Add(new SessionEvent("resumed", session, null));

    public void SessionEnded(IClientSession session, string reason) => Add(new SessionEvent("ended", session, reason));

    /// <summary>Waits for the first event (past or future) of <paramref name="kind"/> for session <paramref name="sessionId"/> (any when null).</summary>
    public Task<SessionEvent> WaitAsync(string kind, string? sessionId = null)
    {
        bool Match(SessionEvent e) => e.Kind == kind && (sessionId is null || e.Session.SessionId == sessionId);
        TaskCompletionSource<SessionEvent> done;
        lock (gate)
        {
            if (events.FirstOrDefault(Match) is { } seen)
                return Task.FromResult(seen);
            done = new TaskCompletionSource<SessionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((Match, done));
        }
        return done.Task.Within($"session event '{kind}'{(sessionId is null ? string.Empty : " for " + sessionId)}");
    }

    private void Add(SessionEvent e)
    {
        List<TaskCompletionSource<SessionEvent>> ready;
        lock (gate)
        {
            events.Add(e);
            ready = waiters.Where(w => w.Match(e)).Select(w => w.Done).ToList();
            waiters.RemoveAll(w => w.Match(e));
        }
        foreach (var waiter in ready)
            waiter.TrySetResult(e);
    }
}

internal sealed record SessionEvent(string Kind, IClientSession Session, string? Reason);
