namespace Cluster.Edges.Tests.Dns.Support;

/// <summary>Bounds every wait in the DNS tests so a regression fails with a message instead of hanging.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public static async Task<T> Within<T>(this Task<T> task, string expectation)
    {
        try
        {
            return await task.WaitAsync(Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {expectation} within {Default.TotalSeconds:0} s.");
        }
    }
}
