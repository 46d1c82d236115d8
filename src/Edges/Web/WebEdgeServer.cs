using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace Cluster.Edges.Web;

/// <summary>
/// The client web-services edge of a node: Kestrel on HTTP 7224 / HTTPS 7225 serving the REST API, the probes and
/// the client WebSocket. Built on ASP.NET's empty host (no MVC, no routing, no configuration providers) so it
/// starts in milliseconds and every behaviour is visible in this folder.
/// </summary>
public sealed class WebEdgeServer : IAsyncDisposable
{
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromMinutes(1);

    private readonly WebEdgeServices services;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly ForwardedHeadersMiddleware forwarded;
    private readonly RestEndpoints rest;
    private readonly ClientEndpoint clients;
    private WebApplication? app;
    private ITimer? maintenance;
    private int stopped;

    /// <param name="settings">Validated here; bad values throw <see cref="ArgumentException"/> naming the key.</param>
    /// <param name="services">What the edge needs from the node.</param>
    public WebEdgeServer(WebSettings settings, WebEdgeServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(services.CredentialVerifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(services.DataDirectory);
        Settings = settings.Validate();
        this.services = services;
        time = services.Time ?? TimeProvider.System;
        log = (services.Logger ?? Log.Logger).ForContext<WebEdgeServer>();
        Tokens = services.SessionStore ?? new InMemorySessionStore(settings.SessionTokenTtl, settings.SessionTokenMaxLifetime, time);
        LoginThrottle = new LoginThrottle(settings, time);
        Readiness = services.Readiness ?? new ReadinessChecks();
        Handlers = services.Handlers ?? new ClientMessageRegistry();
        Sessions = new ClientSessionRegistry(settings, time, services.SessionListener, log);
        forwarded = new ForwardedHeadersMiddleware(TrustedProxyList.Parse(settings.TrustedProxies));
        rest = new RestEndpoints(settings, services, Tokens, LoginThrottle, Readiness, Counters, log);
        clients = new ClientEndpoint(settings, Counters, Handlers, Tokens, Sessions, time, log);
        if (services.TurnCredentials is { } turn && !Handlers.TryGet("turn.credentials", out _))
            Handlers.Register("turn.credentials", (request, _) => ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(
                RestEndpoints.TurnJson(turn.Issue(request.Session.User.UserId))));
    }

    public WebSettings Settings { get; }

    /// <summary>Counters for the shell and metrics.</summary>
    public WebEdgeCounters Counters { get; } = new();

    /// <summary>Checks behind <c>/ready</c>; subsystems add theirs.</summary>
    public ReadinessChecks Readiness { get; }

    /// <summary>WebSocket message handlers by type; subsystems add theirs (before or after start).</summary>
    public ClientMessageRegistry Handlers { get; }

    /// <summary>Client sessions on this node, for pushing to a user's devices.</summary>
    public ClientSessionRegistry Sessions { get; }

    /// <summary>Session tokens: list, revoke, revoke all of a user.</summary>
    public ISessionStore Tokens { get; }

    /// <summary>Login rate limits and lockouts (list and unlock for the operator).</summary>
    public LoginThrottle LoginThrottle { get; }

    /// <summary>Client WebSockets currently open.</summary>
    public int ActiveConnections => clients.ActiveConnections;

    /// <summary>The HTTPS certificate once started (null when HTTPS is off).</summary>
    public X509Certificate2? Certificate { get; private set; }

    /// <summary>True when <see cref="Certificate"/> is the generated self-signed development certificate.</summary>
    public bool UsesDevelopmentCertificate { get; private set; }

    /// <summary>Bound HTTP address after start (the real port when 0 was configured); null when off.</summary>
    public IPEndPoint? HttpEndPoint { get; private set; }

    /// <summary>Bound HTTPS address after start; null when off.</summary>
    public IPEndPoint? HttpsEndPoint { get; private set; }

    /// <summary>Binds the listeners and starts serving. Throws when a port cannot be bound or the certificate is bad.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
            throw new InvalidOperationException("the web edge is already started");
        if (Settings.HttpsPort is not null)
        {
            Certificate = WebCertificates.Load(Settings, services.DataDirectory, time, log, out var development);
            UsesDevelopmentCertificate = development;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Cluster.Edges.Web" });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(ConfigureKestrel);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = Settings.CloseTimeout);
        var built = builder.Build();
        built.UseWebSockets(new WebSocketOptions { KeepAliveInterval = Settings.KeepAliveInterval ?? TimeSpan.Zero });
        built.Run(HandleAsync);
        await built.StartAsync(cancellationToken).ConfigureAwait(false);
        app = built;
        ReadBoundAddresses(built);
        maintenance = time.CreateTimer(_ => Maintain(), null, MaintenanceInterval, MaintenanceInterval);
        log.Information("Web edge listening on {Http} (HTTP) and {Https} (HTTPS); WebSocket at {Path}",
            HttpEndPoint?.ToString() ?? "off", HttpsEndPoint?.ToString() ?? "off", ClientEndpoint.Path);
    }

    /// <summary>
    /// Closes every client WebSocket with 1001 (so clients reconnect elsewhere), ends the sessions, and stops
    /// Kestrel, waiting at most close-timeout for connections to finish.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (app is null || Interlocked.Exchange(ref stopped, 1) == 1)
            return;
        maintenance?.Dispose();
        clients.CloseAll("server shutting down");
        clients.Detach();
        await app.StopAsync(cancellationToken).ConfigureAwait(false);
        log.Information("Web edge stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (app is not null)
            await app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
    }

    private void ConfigureKestrel(KestrelServerOptions options)
    {
        options.AddServerHeader = false;
        options.Limits.MaxRequestBodySize = 1024 * 1024;
        options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        if (Settings.HttpPort is { } http)
            Listen(options, http, _ => { });
        if (Settings.HttpsPort is { } https)
            Listen(options, https, listen => listen.UseHttps(Certificate!));
    }

    private void Listen(KestrelServerOptions options, int port, Action<ListenOptions> configure)
    {
        switch (Settings.BindHost)
        {
            case "*":
                options.ListenAnyIP(port, configure);
                break;
            case "localhost":
                options.Listen(IPAddress.Loopback, port, configure);
                break;
            default:
                options.Listen(IPAddress.Parse(Settings.BindHost), port, configure);
                break;
        }
    }

    private void ReadBoundAddresses(WebApplication built)
    {
        var addresses = built.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var uri = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
            var host = uri.Host.Trim('[', ']');
            var ip = IPAddress.TryParse(host, out var parsed) ? parsed : host == "localhost" ? IPAddress.Loopback : IPAddress.Any;
            var endPoint = new IPEndPoint(ip, uri.Port);
            if (uri.Scheme == "https")
                HttpsEndPoint ??= endPoint;
            else
                HttpEndPoint ??= endPoint;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        forwarded.Apply(context);
        if (context.Request.Path.Equals(ClientEndpoint.Path, StringComparison.Ordinal))
        {
            await clients.HandleAsync(context).ConfigureAwait(false);
            return;
        }
        if (!await rest.TryHandleAsync(context).ConfigureAwait(false) && !await Api.WebClientFiles.TryServeAsync(context).ConfigureAwait(false))
            await RestResponses.Error(context, StatusCodes.Status404NotFound, "not-found", $"no endpoint at {context.Request.Path}").ConfigureAwait(false);
    }

    private void Maintain()
    {
        try
        {
            var expired = Tokens.RemoveExpired();
            if (expired > 0)
                log.Debug("Removed {Count} expired session tokens", expired);
            LoginThrottle.Sweep();
        }
        catch (Exception ex)
        {
            log.Error(ex, "Web edge maintenance failed");
        }
    }
}
