using Cluster.Actors.Directory;
using Serilog;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// What the client API needs besides the user gateway: optional services (directory, call control) and the timing of
/// the presence registrations a web session keeps with user entities.
/// </summary>
public sealed record WebClientApiOptions
{
    /// <summary>The directory projection behind <c>directory.search</c>; null = searches answer <c>unavailable</c>.</summary>
    public DirectoryIndex? Directory { get; init; }

    /// <summary>Call control behind the <c>phone.*</c> call operations; null = they answer <c>unavailable</c>.</summary>
    public ICallControl? CallControl { get; init; }

    /// <summary>
    /// How often a session re-announces itself to its user entity and refreshes its presence subscriptions. The
    /// announcement and the subscriptions live three heartbeats, so an entity that moved nodes, or a node that died
    /// without saying goodbye, is sorted out within that time.
    /// </summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most contacts one <c>presence.subscribe</c> may name.</summary>
    public int MaxSubscribeBatch { get; init; } = 200;

    /// <summary>Client product string reported to the user entity (shown in the device list).</summary>
    public string ClientName { get; init; } = "web";

    /// <summary>Clock for the heartbeat timers; null = the system clock.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Serilog logger; null = the global one.</summary>
    public ILogger? Logger { get; init; }

    internal WebClientApiOptions Validate()
    {
        if (Heartbeat < TimeSpan.FromSeconds(1) || Heartbeat > TimeSpan.FromHours(8))
            throw new ArgumentException($"heartbeat {Heartbeat} is outside 1 s..8 h", nameof(Heartbeat));
        if (MaxSubscribeBatch is < 1 or > 2000)
            throw new ArgumentException($"max subscribe batch {MaxSubscribeBatch} is outside 1..2000", nameof(MaxSubscribeBatch));
        return this;
    }
}
