using System.Collections.Concurrent;

namespace Cluster.Edges.Web;

/// <summary>
/// The checks behind <c>/ready</c>. Subsystems register a check when they start (database reachable, membership
/// Up, shard regions started); readiness is the conjunction, so a node is taken out of the load balancer while any
/// part of it is not able to serve, without being restarted the way a failing liveness probe would.
/// </summary>
public sealed class ReadinessChecks
{
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task<ReadinessResult>>> checks = new(StringComparer.Ordinal);

    /// <summary>Longest a single check may take before it counts as failing.</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Adds or replaces the check called <paramref name="name"/>.</summary>
    public void Register(string name, Func<CancellationToken, Task<ReadinessResult>> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        checks[name] = check;
    }

    /// <summary>Removes a check, e.g. when its subsystem is shut down on purpose.</summary>
    public bool Unregister(string name) => checks.TryRemove(name, out _);

    /// <summary>Names of the registered checks.</summary>
    public IReadOnlyCollection<string> Names => checks.Keys.ToArray();

    /// <summary>
    /// Runs every check concurrently. A check that throws or overruns <see cref="CheckTimeout"/> fails with that as
    /// its reason. Returns the failing checks by name; empty means ready.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> FailingAsync(CancellationToken cancellationToken)
    {
        var running = checks.ToArray().Select(async pair =>
        {
            try
            {
                var result = await pair.Value(cancellationToken).WaitAsync(CheckTimeout, cancellationToken).ConfigureAwait(false);
                return (Key: pair.Key, Result: result);
            }
            catch (TimeoutException)
            {
                return (Key: pair.Key, Result: ReadinessResult.NotReady($"check did not answer within {CheckTimeout.TotalSeconds:0.#} s"));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return (Key: pair.Key, Result: ReadinessResult.NotReady($"check failed: {ex.GetType().Name}: {ex.Message}"));
            }
        });
        var results = await Task.WhenAll(running).ConfigureAwait(false);
        return results
            .Where(r => !r.Result.Ready)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(r => r.Key, r => r.Result.Reason ?? "not ready", StringComparer.Ordinal);
    }
}
