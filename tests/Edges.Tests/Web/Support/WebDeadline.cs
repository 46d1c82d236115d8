namespace Cluster.Edges.Tests.Web.Support;

/// <summary>Bounds every wait in the web tests so a regression fails with what was expected instead of hanging.</summary>
internal static class WebDeadline
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
