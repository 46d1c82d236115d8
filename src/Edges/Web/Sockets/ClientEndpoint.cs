using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace Cluster.Edges.Web;

/// <summary>
/// The <c>/ws/client/websocket</c> endpoint: accepts upgrades (within max-connections), runs a
/// <see cref="ClientConnection"/> per socket, and closes the connections and sessions of a token that ends.
/// </summary>
internal sealed class ClientEndpoint
{
    public const string Path = "/ws/client/websocket";

    private readonly ConcurrentDictionary<ClientConnection, byte> connections = new();
    private long nextConnectionId;
    private int active;

    public ClientEndpoint(WebSettings settings, WebEdgeCounters counters, ClientMessageRegistry handlers, ISessionStore tokens,
        ClientSessionRegistry sessions, TimeProvider time, ILogger log)
    {
        Settings = settings;
        Counters = counters;
        Handlers = handlers;
        Tokens = tokens;
        Sessions = sessions;
        Time = time;
        Log = log;
        tokens.Ended += OnTokenEnded;
    }

    public WebSettings Settings { get; }

    public WebEdgeCounters Counters { get; }

    public ClientMessageRegistry Handlers { get; }

    public ISessionStore Tokens { get; }

    public ClientSessionRegistry Sessions { get; }

    public TimeProvider Time { get; }

    public ILogger Log { get; }

    public int ActiveConnections => Volatile.Read(ref active);

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RestResponses.Error(context, StatusCodes.Status426UpgradeRequired, "upgrade-required",
                "this endpoint only accepts WebSocket upgrades (RFC 6455 §4.1)").ConfigureAwait(false);
            return;
        }
        var headerToken = RestResponses.BearerToken(context.Request);
        if (headerToken is null && Settings.AllowTokenInQuery && context.Request.Query.TryGetValue("access_token", out var query))
            headerToken = query.ToString();
        if (headerToken is not null && !Tokens.TryValidate(headerToken, out _))
        {
            Counters.Error(ClientErrorCodes.AuthFailed);
            await RestResponses.Error(context, StatusCodes.Status401Unauthorized, ClientErrorCodes.AuthFailed,
                "token is unknown, expired or revoked").ConfigureAwait(false);
            return;
        }
        if (Interlocked.Increment(ref active) > Settings.MaxConnections)
        {
            Interlocked.Decrement(ref active);
            Counters.ConnectionRejected();
            Log.Warning("Refused client WebSocket from {Remote}: {Max} connections open", context.Connection.RemoteIpAddress, Settings.MaxConnections);
            context.Response.Headers.RetryAfter = "5";
            await RestResponses.Error(context, StatusCodes.Status503ServiceUnavailable, "too-many-connections",
                "the node has reached its connection limit").ConfigureAwait(false);
            return;
        }
        try
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                KeepAliveInterval = Settings.KeepAliveInterval ?? TimeSpan.Zero,
                KeepAliveTimeout = Settings.KeepAliveTimeout ?? Timeout.InfiniteTimeSpan,
            }).ConfigureAwait(false);
            var connection = new ClientConnection(this, socket, Interlocked.Increment(ref nextConnectionId),
                $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}", headerToken);
            connections[connection] = 0;
            Counters.ConnectionOpened();
            using (socket)
                await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }

    public void Unregister(ClientConnection connection)
    {
        if (connections.TryRemove(connection, out _))
            Counters.ConnectionClosed();
    }

    /// <summary>Closes every connection (node stopping) and ends every session.</summary>
    public void CloseAll(string reason)
    {
        foreach (var connection in connections.Keys)
            connection.Close(ClientCloseCodes.GoingAway, reason);
        foreach (var session in Sessions.Snapshot())
            Sessions.End(session, reason);
    }

    public void Detach() => Tokens.Ended -= OnTokenEnded;

    private void OnTokenEnded(SessionRevocation revocation)
    {
        var reason = revocation.Reason switch
        {
            SessionEndReason.LoggedOut => "logged out",
            SessionEndReason.Expired => "session token expired",
            _ => "session token revoked",
        };
        foreach (var session in Sessions.WithToken(revocation.TokenId))
            Sessions.End(session, reason)?.Close(ClientCloseCodes.TokenEnded, reason, "token-ended");
    }
}
