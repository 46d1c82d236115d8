using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Membership;

/// <summary>Records every membership event of one node so a test can await a specific one with a deadline.</summary>
public sealed class EventRecorder : IDisposable
{
    private readonly object gate = new();
    private readonly List<(IClusterDomainEvent Event, DateTime At)> events = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly IDisposable subscription;

    public EventRecorder(ClusterMembership membership, string name)
    {
        Name = name;
        subscription = membership.Subscribe(e =>
        {
            lock (gate) events.Add((e, DateTime.UtcNow));
            arrived.Release();
        });
    }

    public string Name { get; }

    public IReadOnlyList<IClusterDomainEvent> Events
    {
        get { lock (gate) return events.Select(e => e.Event).ToList(); }
    }

    /// <summary>Waits until an event of type <typeparamref name="T"/> matching <paramref name="match"/> was recorded; returns it and when it arrived.</summary>
    public async Task<(T Event, DateTime At)> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null, string? expected = null)
        where T : IClusterDomainEvent
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            lock (gate)
            {
                foreach (var (e, at) in events)
                {
                    if (e is T typed && (match is null || match(typed))) return (typed, at);
                }
            }
            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"{Name}: expected {expected ?? typeof(T).Name} within {limit.TotalSeconds} s; got: {string.Join(", ", Events.Select(Describe))}");
            }
        }
    }

    public static string Describe(IClusterDomainEvent e) => e switch
    {
        MemberStatusChange m => $"{e.GetType().Name}({m.Member.UniqueAddress})",
        ReachabilityChange r => $"{e.GetType().Name}({r.Member.UniqueAddress})",
        LeaderChanged l => $"LeaderChanged({l.Leader})",
        _ => e.GetType().Name,
    };

    public void Dispose() => subscription.Dispose();
}
