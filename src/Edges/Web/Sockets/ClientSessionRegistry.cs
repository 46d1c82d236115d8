using System.Collections.Concurrent;
using System.Security.Cryptography;
using Serilog;

namespace Cluster.Edges.Web;

/// <summary>
/// The client sessions living on this node, found by id (for <c>resume</c>) or by user (for the integrator's
/// session actors). It also keeps each detached session for the resume window and then ends it.
/// </summary>
public sealed class ClientSessionRegistry
{
    private readonly ConcurrentDictionary<string, ClientSession> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ITimer> expiryTimers = new(StringComparer.Ordinal);
    private readonly WebSettings settings;
    private readonly TimeProvider time;
    private readonly IClientSessionListener? listener;
    private readonly ILogger log;

    internal ClientSessionRegistry(WebSettings settings, TimeProvider time, IClientSessionListener? listener, ILogger log)
    {
        this.settings = settings;
        this.time = time;
        this.listener = listener;
        this.log = log;
    }

    /// <summary>Number of sessions, attached or waiting for a resume.</summary>
    public int Count => sessions.Count;

    /// <summary>The session with id <paramref name="sessionId"/>, or null.</summary>
    public IClientSession? Find(string sessionId) => sessions.TryGetValue(sessionId, out var session) ? session : null;

    /// <summary>Every live session of <paramref name="userId"/> (one per client device, typically).</summary>
    public IReadOnlyList<IClientSession> ForUser(string userId) =>
        sessions.Values.Where(s => string.Equals(s.User.UserId, userId, StringComparison.Ordinal)).ToArray<IClientSession>();

    /// <summary>Every live session.</summary>
    public IReadOnlyList<IClientSession> All => sessions.Values.ToArray<IClientSession>();

    internal ClientSession Start(AuthenticatedUser user, string tokenId)
    {
        var session = new ClientSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), user, tokenId, settings.ReplayBufferSize);
        sessions[session.SessionId] = session;
        Notify(l => l.SessionStarted(session));
        return session;
    }

    internal ClientSession? Get(string sessionId) => sessions.TryGetValue(sessionId, out var session) ? session : null;

    internal void Resumed(ClientSession session)
    {
        if (expiryTimers.TryRemove(session.SessionId, out var timer))
            timer.Dispose();
        Notify(l => l.SessionResumed(session));
    }

    /// <summary>Called when a connection closes: keeps the session for the resume window, or ends it at once.</summary>
    internal void Detach(ClientSession session, ClientConnection closing)
    {
        if (!session.Detach(closing, out var generation))
            return;
        if (settings.ResumeWindow <= TimeSpan.Zero)
        {
            End(session, "connection closed and resume is off");
            return;
        }
        var timer = time.CreateTimer(_ =>
        {
            if (session.Generation == generation && !session.IsConnected)
                End(session, "resume window passed");
        }, null, settings.ResumeWindow, Timeout.InfiniteTimeSpan);
        if (expiryTimers.TryRemove(session.SessionId, out var old))
            old.Dispose();
        expiryTimers[session.SessionId] = timer;
        if (session.Generation != generation && expiryTimers.TryRemove(session.SessionId, out var stale))
            stale.Dispose(); // resumed while arming
        Notify(l => l.SessionDetached(session));
    }

    /// <summary>Ends a session; returns the connection that was attached so the caller can close it.</summary>
    internal ClientConnection? End(ClientSession session, string reason)
    {
        if (!session.End(out var attached))
            return null;
        sessions.TryRemove(session.SessionId, out _);
        if (expiryTimers.TryRemove(session.SessionId, out var timer))
            timer.Dispose();
        log.Debug("Client session {SessionId} of {UserId} ended: {Reason}", session.SessionId, session.User.UserId, reason);
        Notify(l => l.SessionEnded(session, reason));
        return attached;
    }

    internal IReadOnlyList<ClientSession> WithToken(string tokenId) =>
        sessions.Values.Where(s => string.Equals(s.TokenId, tokenId, StringComparison.Ordinal)).ToArray();

    internal IReadOnlyList<ClientSession> Snapshot() => sessions.Values.ToArray();

    private void Notify(Action<IClientSessionListener> call)
    {
        if (listener is null)
            return;
        try
        {
            call(listener);
        }
        catch (Exception ex)
        {
            log.Error(ex, "Client session listener {Listener} failed", listener.GetType().Name);
        }
    }
}
