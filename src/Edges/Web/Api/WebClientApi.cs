using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Serilog;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// The client API of the web edge on one node: the WebSocket message handlers (presence, contacts, directory, chat,
/// phone control, push devices), the bridge that makes every client session a presence source, chat target and
/// watcher at the user entities, and the receiving end of those entities' effects for sessions this node holds
/// (pushes to the client). The node wires one instance: as <see cref="WebEdgeServices.SessionListener"/>, into the
/// handler registry with <see cref="Register"/>, and as the node's <see cref="IEdgeEffectSink"/>.
/// </summary>
/// <remarks>
/// A session is addressed by entities as <c>EdgeEndpoint(nodeId, sessionId)</c>. Lifecycle: start → announce the
/// session and watch the user's own presence; every heartbeat → announce again and refresh every subscription;
/// detach (socket gone, resumable) → announce as idle; resume → announce as active; end → close the session and
/// unsubscribe everything. Entities forget a session or subscription three heartbeats after its last refresh, so a
/// node that dies without saying goodbye leaves nothing behind for long.
/// </remarks>
public sealed partial class WebClientApi : IClientSessionListener, IEdgeEffectSink
{
    private readonly ConcurrentDictionary<string, WebSessionLink> links = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly ILogger log;

    /// <param name="nodeId">This node's id, the <see cref="EdgeEndpoint.NodeId"/> of its sessions.</param>
    /// <param name="users">How to reach user entities.</param>
    /// <param name="options">Optional services and timing; null = defaults without directory and call control.</param>
    public WebClientApi(string nodeId, IUserGateway users, WebClientApiOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(users);
        NodeId = nodeId;
        Options = (options ?? new WebClientApiOptions()).Validate();
        time = Options.Time ?? TimeProvider.System;
        log = (Options.Logger ?? Serilog.Log.Logger).ForContext<WebClientApi>();
        Calls = new UserCalls(users, log);
    }

    public string NodeId { get; }

    public WebClientApiOptions Options { get; }

    /// <summary>Client sessions this API currently links to user entities.</summary>
    public int SessionCount => links.Count;

    internal UserCalls Calls { get; }

    internal ILogger Log => log;

    /// <summary>Seconds an announcement or subscription lives without a refresh: three heartbeats.</summary>
    internal int LeaseSeconds => (int)Math.Ceiling(Options.Heartbeat.TotalSeconds * 3);

    /// <summary>Registers every client message type of the API (see docs/api/websocket.md).</summary>
    public void Register(ClientMessageRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        new PresenceHandlers(this).Register(registry);
        new ContactHandlers(this).Register(registry);
        new DirectoryHandlers(this).Register(registry);
        new ChatHandlers(this).Register(registry);
        new PhoneHandlers(this).Register(registry);
        new PushHandlers(this).Register(registry);
    }

    /// <summary>
    /// Pushes <paramref name="type"/> to every session of <paramref name="userId"/> on this node (for call-state
    /// events from the call control); returns how many sessions got it.
    /// </summary>
    public int PushToUser(string userId, string type, JsonNode data)
    {
        var count = 0;
        foreach (var link in links.Values)
        {
            if (string.Equals(link.Session.User.UserId, userId, StringComparison.Ordinal) && link.Session.Push(type, data.DeepClone()) > 0)
                count++;
        }
        return count;
    }

    /// <summary>Completes when the background work of every session queued so far has run.</summary>
    public Task DrainAsync() => Task.WhenAll(links.Values.Select(l => l.Drained));

    void IClientSessionListener.SessionStarted(IClientSession session)
    {
        if (!UserAddress.TryParse(session.User.UserId, out var user, out var error))
        {
            log.Error("Client session {SessionId} has user id {UserId} that is not an address ({Error}); it gets no presence or chat",
                session.SessionId, session.User.UserId, error);
            return;
        }
        var link = new WebSessionLink(session, user, new EdgeEndpoint(NodeId, session.SessionId));
        links[session.SessionId] = link;
        link.Enqueue(() => AnnounceAsync(link, watchSelf: true));
        link.Heartbeat = time.CreateTimer(_ => link.Enqueue(() => RefreshAsync(link)), null, Options.Heartbeat, Options.Heartbeat);
    }

    void IClientSessionListener.SessionDetached(IClientSession session)
    {
        if (links.TryGetValue(session.SessionId, out var link))
        {
            link.Detached = true;
            link.Enqueue(() => AnnounceAsync(link, watchSelf: false));
        }
    }

    void IClientSessionListener.SessionResumed(IClientSession session)
    {
        if (links.TryGetValue(session.SessionId, out var link))
        {
            link.Detached = false;
            link.Enqueue(() => AnnounceAsync(link, watchSelf: false));
        }
    }

    void IClientSessionListener.SessionEnded(IClientSession session, string reason)
    {
        if (!links.TryRemove(session.SessionId, out var link))
            return;
        link.Heartbeat?.Dispose();
        var watched = link.End();
        link.Enqueue(() => GoodbyeAsync(link, watched));
    }

    /// <summary>The link of the session that sent a request (every authenticated session has one).</summary>
    internal WebSessionLink LinkOf(IClientSession session) =>
        links.TryGetValue(session.SessionId, out var link)
            ? link
            : throw new ClientRequestException(ClientErrorCodes.BadRequest, $"user id '{session.User.UserId}' of this session is not a user@domain address");

    internal Subscribe SubscribeCommand(WebSessionLink link, UserAddress presentity, int expires) =>
        new(link.Endpoint, link.User, DeviceKind.Web, expires);

    private async Task AnnounceAsync(WebSessionLink link, bool watchSelf)
    {
        if (link.Ended)
            return;
        await Quietly(link, "announce", () => Calls.Gateway.SendAsync(link.User,
            new AnnounceSession(link.Endpoint, Options.ClientName, LeaseSeconds, Idle: link.Detached))).ConfigureAwait(false);
        if (watchSelf)
        {
            await Quietly(link, "watch own presence", () => Calls.Gateway.SendAsync(link.User,
                SubscribeCommand(link, link.User, LeaseSeconds))).ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(WebSessionLink link)
    {
        await AnnounceAsync(link, watchSelf: true).ConfigureAwait(false);
        foreach (var presentity in link.Watched)
        {
            if (link.Ended)
                return;
            await Quietly(link, $"refresh subscription to {presentity}", () => Calls.Gateway.SendAsync(presentity,
                SubscribeCommand(link, presentity, LeaseSeconds))).ConfigureAwait(false);
        }
    }

    private async Task GoodbyeAsync(WebSessionLink link, IReadOnlyList<UserAddress> watched)
    {
        await Quietly(link, "close", () => Calls.Gateway.SendAsync(link.User, new CloseSession(link.Endpoint))).ConfigureAwait(false);
        foreach (var presentity in watched.Append(link.User).Distinct())
        {
            await Quietly(link, $"unsubscribe from {presentity}", () => Calls.Gateway.SendAsync(presentity,
                new Unsubscribe(link.Endpoint))).ConfigureAwait(false);
        }
        log.Debug("Client session {SessionId} of {User} unlinked from {Count} presentities", link.Session.SessionId, link.User, watched.Count);
    }

    /// <summary>Background calls log failures and carry on: the next heartbeat tries again.</summary>
    private async Task Quietly(WebSessionLink link, string what, Func<Task<IUserReply>> call)
    {
        try
        {
            var reply = await call().ConfigureAwait(false);
            if (reply is CommandRejected rejected)
                log.Warning("Session {SessionId} of {User}: {What} refused: {Code} {Reason}", link.Session.SessionId, link.User, what, rejected.Code, rejected.Reason);
        }
        catch (Exception ex)
        {
            log.Warning(ex, "Session {SessionId} of {User}: {What} failed", link.Session.SessionId, link.User, what);
        }
    }
}
