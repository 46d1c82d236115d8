namespace Cluster.TestSupport;

/// <summary>
/// Bounds every wait in a test, so a regression fails with what was expected instead of hanging the run. A missed
/// deadline is reported as a test failure (<see cref="Xunit.Sdk.XunitException"/>), never as a
/// <see cref="TimeoutException"/>, so it cannot be mistaken for a timeout raised by the code under test.
/// </summary>
public static class Deadline
{
    /// <summary>The bound for an in-process step (an actor reply, a loopback packet, a log line).</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>The bound for a step that includes a journal round trip or another process (user entities, nodes).</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    /// <summary>Awaits <paramref name="task"/> (its result or its exception) or fails after <paramref name="timeout"/> naming <paramref name="what"/>.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what, TimeSpan? timeout = null)
    {
        await Within((Task)task, what, timeout).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/> or fails after <paramref name="timeout"/> (default <see cref="Default"/>) naming <paramref name="what"/>.</summary>
    public static async Task Within(this Task task, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var limit = timeout ?? Default;
        using var expired = new CancellationTokenSource();
        var delay = Task.Delay(limit, expired.Token);
        if (await Task.WhenAny(task, delay).ConfigureAwait(false) != task)
            throw new Xunit.Sdk.XunitException($"Timed out after {limit} waiting for {what}");
        await expired.CancelAsync().ConfigureAwait(false);
        await task.ConfigureAwait(false);
    }

    /// <summary>Polls a condition another thread makes true, failing after <paramref name="timeout"/> naming <paramref name="what"/>.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? Default;
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Timed out after {limit} waiting until {what}");
            await Task.Delay(2).ConfigureAwait(false);
        }
    }
}
