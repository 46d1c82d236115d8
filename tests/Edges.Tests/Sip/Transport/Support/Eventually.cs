namespace Cluster.Edges.Tests.Sip.Transport.Support;

/// <summary>
/// Waits for a condition that another thread makes true (a socket closing), re-checking it until a deadline. The
/// short pause between checks is a poll interval, not a guess at how long the work takes: the wait ends as soon as
/// the condition holds, and fails with <paramref name="expectation"/> after 10 s.
/// </summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string expectation)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected {expectation} within 10 s.");
            await Task.Delay(5);
        }
    }
}
