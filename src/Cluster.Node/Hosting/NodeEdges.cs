using Cluster.Actors.Directory;
using Cluster.Actors.Calls.Entity;
using Cluster.Actors.Users.Entity;
using Cluster.Edges.Sip.Calls;
using Cluster.Edges.Dns.Zone;
using Cluster.Edges.Sip.Commands;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Turn;
using Cluster.Edges.Web;
using Cluster.Edges.Web.Api;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;
using Serilog;

namespace Cluster.Node.Hosting;

/// <summary>
/// Starts the protocol edges of a node (SIP, web, STUN/TURN) on top of its user entities, registers their shell
/// palettes, and closes their listeners in the service-unbind phase of the coordinated shutdown.
/// </summary>
public static class NodeEdges
{
    public static async Task StartAsync(Config config, NodeSettings settings, ActorSystem system, UsersModule users,
        DirectoryIndex directory, CommandRegistry commands, Action<NodeEndpoint> listening, ILogger logger)
    {
        var log = logger.ForContext("SourceContext", "Cluster.Node");
        var shutdown = system.CoordinatedShutdown;
        var time = system.Settings.TimeProvider;

        commands.Register(UserPalette.Create(users.Gateway, new ListingUserDirectory(users.Directory)));
        commands.Register(RegistrationPalette.Create(users.Gateway));
        commands.Register(PresencePalette.Create(users.Gateway));
        commands.Register(DnsZonePalette.Create(config));

        var turnSettings = TurnSettings.FromConfig(config);
        if (turnSettings.Enabled)
        {
            var turn = new TurnServer(turnSettings, system, logger.ForContext<TurnServer>(), time);
            turn.Start();
            if (turn.UdpEndPoint is { } udp) listening(new NodeEndpoint("stun-turn", "udp", udp.ToString()));
            if (turn.TcpEndPoint is { } tcp) listening(new NodeEndpoint("stun-turn", "tcp", tcp.ToString()));
            commands.Register(TurnPalette.Create(turn));
            AddUnbind(shutdown, "stop-turn", turn.DisposeAsync, log, "STUN/TURN listeners closed");
        }

        var sipSettings = SipEdgeSettings.FromConfig(WithDevelopmentTlsCertificate(config, settings.DataDirectory, time, log));
        var sip = new SipEdge(settings.Name, sipSettings, users.Gateway, time, logger.ForContext<SipEdge>());
        var calls = CallsModule.Start(system, config, settings.Name, users.Gateway);
        var callHandler = SipCallHandler.Attach(sip, calls, out _);
        commands.Register(CallPalette.Create(calls.Gateway, calls.Listing));
        sip.Start();
        var sipSink = users.RegisterSink(sip);
        foreach (var (name, endpoint) in sip.Transport.ListenEndPoints())
        {
            listening(new NodeEndpoint("sip", name, endpoint.ToString()));
        }
        AddUnbind(shutdown, "stop-sip", async () =>
        {
            sipSink.Dispose();
            callHandler.Dispose();
            await sip.DisposeAsync();
        }, log, "SIP listeners closed");

        var webSettings = WebSettings.FromConfig(config);
        var api = new WebClientApi(settings.Name, users.Gateway, new WebClientApiOptions { Directory = directory, Time = time, Logger = logger });
        var handlers = new ClientMessageRegistry();
        api.Register(handlers);
        var web = new WebEdgeServer(webSettings, new WebEdgeServices
        {
            CredentialVerifier = new UserGatewayCredentialVerifier(users.Gateway, logger),
            DataDirectory = settings.DataDirectory,
            SessionListener = api,
            Handlers = handlers,
            TurnCredentials = turnSettings is { Enabled: true, AuthSecrets.Count: > 0 }
                ? new HmacTurnCredentialIssuer(turnSettings.AuthSecrets[0], turnSettings.CredentialTtl, turnSettings.Uris, time)
                : null,
            Time = time,
            Logger = logger,
        });
        await web.StartAsync();
        var webSink = users.RegisterSink(api);
        if (web.HttpEndPoint is { } http) listening(new NodeEndpoint("web", "http", http.ToString()));
        if (web.HttpsEndPoint is { } https) listening(new NodeEndpoint("web", "https", https.ToString()));
        AddUnbind(shutdown, "stop-web", async () =>
        {
            await web.StopAsync();
            webSink.Dispose();
            await web.DisposeAsync();
        }, log, "web listeners closed");
    }

    /// <summary>
    /// SIP over TLS needs a certificate; without one configured the node uses the same self-signed development
    /// certificate as HTTPS (generated once under the data directory) and says so.
    /// </summary>
    private static Config WithDevelopmentTlsCertificate(Config config, string dataDirectory, TimeProvider time, ILogger log)
    {
        if (config.GetStringList("uc.sip.tls.listen").Count == 0 || config.GetStringOrOff("uc.sip.tls.certificate") is not null)
        {
            return config;
        }
        using (WebCertificates.Load(new WebSettings(), dataDirectory, time, log, out _))
        {
        }
        var path = WebCertificates.DevelopmentCertificatePath(dataDirectory);
        log.Warning("SIP over TLS uses the self-signed DEVELOPMENT certificate {Path}; set uc.sip.tls.certificate for production", path);
        return ConfigFactory.ParseString($"uc.sip.tls.certificate = {System.Text.Json.JsonSerializer.Serialize(path)}", "node: development certificate")
            .WithFallback(config).Resolve();
    }

    private static void AddUnbind(CoordinatedShutdown shutdown, string name, Func<ValueTask> stop, ILogger log, string done) =>
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, name, async () =>
        {
            await stop();
            log.Information("Shutdown: {What}", done);
        });
}
