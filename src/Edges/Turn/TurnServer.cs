using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cluster.Edges.Turn.Allocations;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Policy;
using Cluster.Edges.Turn.Server;
using Cluster.Runtime.Kernel;
using Serilog;

namespace Cluster.Edges.Turn;

/// <summary>
/// The STUN/TURN server of one node: UDP and TCP listeners (Binding plus the TURN methods), the relay sockets, and
/// a <c>TurnServerActor</c> under which each allocation is owned by its own actor. The node's wiring creates one
/// from <see cref="TurnSettings"/>, starts it, registers <see cref="TurnPalette"/> with the shell and disposes it on
/// shutdown; the same object serves the bench host and the tests.
/// </summary>
public sealed class TurnServer : IAsyncDisposable
{
    private readonly TurnSettings settings;
    private readonly ActorSystem system;
    private readonly ILogger log;
    private readonly TurnServices services;
    private readonly StunDispatcher dispatcher;
    private StunUdpListener? udp;
    private StunTcpListener? tcp;
    private IActorRef? manager;

    public TurnServer(TurnSettings settings, ActorSystem system, ILogger? log = null, TimeProvider? clock = null)
    {
        settings.Validate();
        settings = settings with { Stun = settings.Stun with { AcceptRfc5766Channels = settings.Rfc5766Channels } };
        // Without credentials nobody could allocate: serve STUN Binding only, and say so at start.
        RelayEnabled = settings.AuthSecrets.Count > 0 || settings.StaticUsers.Count > 0;

        this.settings = settings;
        this.system = system;
        this.log = log ?? Log.ForContext<TurnServer>();
        clock ??= system.Scheduler.TimeProvider;

        var nonceKey = settings.NonceKey.Length > 0 ? Convert.FromBase64String(settings.NonceKey) : RandomNumberGenerator.GetBytes(32);
        var nonces = new StatelessNonceService(nonceKey, settings.NonceLifetime, clock, NonceSecurityFeatures.PasswordAlgorithms);
        var policy = PeerAddressPolicy.FromStrings(settings.PeerAllow, settings.PeerDeny, settings.PeerDenyDefaults);

        Counters = new TurnCounters();
        Allocations = new TurnAllocationTable(settings.UserQuota, settings.TotalQuota);
        Ports = new RelayPortPool(settings.RelayPortMin, settings.RelayPortMax, clock);
        services = new TurnServices(settings, Allocations, Ports, Counters, clock, this.log, settings.RelayAddress,
            settings.RelayPublicAddress ?? AdvertisedAddress(settings.RelayAddress));
        StunCounters = new StunServerCounters();
        if (RelayEnabled)
        {
            var authenticator = new LongTermAuthenticator(settings.Realm, nonces, CreateValidator(settings, clock), settings.PasswordAlgorithms);
            var handler = new TurnRequestHandler(services, authenticator, policy);
            dispatcher = new StunDispatcher(settings.Stun, [new StunBindingHandler(settings.Stun.Software), .. handler.MethodHandlers], StunCounters, this.log, handler);
        }
        else
        {
            dispatcher = StunDispatcher.BindingOnly(settings.Stun, StunCounters, this.log);
        }
    }

    /// <summary>False when no credentials are configured: the server answers STUN Binding requests only.</summary>
    public bool RelayEnabled { get; }

    /// <summary>Bound UDP listener address (null before <see cref="Start"/> or with UDP off).</summary>
    public IPEndPoint? UdpEndPoint => udp?.LocalEndPoint;

    /// <summary>Bound TCP listener address (null before <see cref="Start"/> or with TCP off).</summary>
    public IPEndPoint? TcpEndPoint => tcp?.LocalEndPoint;

    public TurnCounters Counters { get; }

    /// <summary>Listener-level counters (datagrams, frames, malformed, unhandled).</summary>
    public StunServerCounters StunCounters { get; }

    /// <summary>The live allocation tables (read-only use: the owning actors change them).</summary>
    public TurnAllocationTable Allocations { get; }

    public RelayPortPool Ports { get; }

    /// <summary>Address announced in XOR-RELAYED-ADDRESS.</summary>
    public IPAddress RelayedAddress => services.RelayAdvertisedAddress;

    /// <summary>Starts the manager actor and binds the listeners. Throws <see cref="SocketException"/> if a port is taken.</summary>
    public void Start()
    {
        if (manager is not null)
        {
            throw new InvalidOperationException("The TURN server is already started.");
        }

        manager = system.ActorOf(Props.Create(() => new TurnServerActor(services)), $"turn-{Guid.NewGuid():N}");
        services.Manager = manager;
        StartListeners();

        if (RelayEnabled)
        {
            log.Information("TURN relaying on {Address} ports {Min}-{Max}, realm {Realm}", services.RelayAdvertisedAddress, settings.RelayPortMin, settings.RelayPortMax, settings.Realm);
        }
        else
        {
            log.Warning("STUN only: TURN relaying is off because neither uc.turn.auth.secrets nor uc.turn.auth.users is configured");
        }
    }

    /// <summary>
    /// Binds UDP and TCP on the configured port. With port 0 the OS picks the UDP port and TCP must get the same number
    /// (clients are told one port); when another socket already holds that number for TCP, both are retried elsewhere.
    /// </summary>
    private void StartListeners()
    {
        const int attempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            if (settings.Stun.UdpEnabled)
            {
                udp = new StunUdpListener(settings.Stun, dispatcher, log);
                udp.Start();
            }

            if (!settings.Stun.TcpEnabled)
            {
                return;
            }

            var port = settings.Stun.Port == 0 && udp is not null ? udp.LocalEndPoint!.Port : settings.Stun.Port;
            tcp = new StunTcpListener(settings.Stun with { Port = port }, dispatcher, log);
            try
            {
                tcp.Start();
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && settings.Stun.Port == 0 && udp is not null && attempt < attempts)
            {
                tcp.DisposeAsync().AsTask().GetAwaiter().GetResult();
                udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
                tcp = null;
                udp = null;
            }
        }
    }

    /// <summary>A snapshot of the allocations, optionally of one user (the quota user or the full username).</summary>
    public IReadOnlyList<TurnAllocationInfo> ListAllocations(string? user = null)
    {
        var now = services.Clock.GetUtcNow();
        return Allocations.All
            .Where(a => user is null || a.QuotaUser == user || a.Username == user)
            .OrderBy(a => a.Id)
            .Select(a => TurnAllocationInfo.From(a, now))
            .ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (udp is not null)
        {
            await udp.DisposeAsync().ConfigureAwait(false);
        }

        if (tcp is not null)
        {
            await tcp.DisposeAsync().ConfigureAwait(false);
        }

        if (manager is not null)
        {
            try
            {
                await manager.Ask<object>(TurnStopAll.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or TaskCanceledException)
            {
                log.Warning("TURN allocations did not all stop within 10 s");
            }

            system.Stop(manager);
        }
    }

    private static ILongTermCredentialValidator CreateValidator(TurnSettings settings, TimeProvider clock)
    {
        StaticUserCredentialValidator? users = settings.StaticUsers.Count > 0 ? new(settings.StaticUsers, settings.Realm) : null;
        RestApiCredentialValidator? rest = settings.AuthSecrets.Count > 0 ? new(settings.AuthSecrets, settings.Realm, clock, settings.RestSeparator) : null;
        return (users, rest) switch
        {
            ({ } u, { } r) => new CompositeCredentialValidator(u, settings.StaticUsers.Keys, r),
            ({ } u, null) => u,
            (null, { } r) => r,
            _ => throw new ArgumentException("No TURN credential source configured."),
        };
    }

    /// <summary>The bind address if specific; for a wildcard, the host's first non-loopback address of that family.</summary>
    private static IPAddress AdvertisedAddress(IPAddress bind)
    {
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            return bind;
        }

        var candidate = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == bind.AddressFamily && !a.IsIPv6LinkLocal);
        return candidate ?? (bind.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback);
    }
}
