namespace Cluster.TestSupport.Actors;

/// <summary>Waiting with a deadline in actor tests: a timeout fails the test naming what was expected.</summary>
public static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    /// <summary>Awaits <paramref name="task"/> or fails after <see cref="Default"/>.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(Default)) != task)
        {
            throw new Xunit.Sdk.XunitException($"Timed out after {Default} waiting for {what}");
        }

        return await task;
    }

    public static async Task Within(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(Default)) != task)
        {
            throw new Xunit.Sdk.XunitException($"Timed out after {Default} waiting for {what}");
        }

        await task;
    }

    /// <summary>Polls a condition another thread makes true, failing after <see cref="Default"/>.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Default;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {Default} waiting until {what}");
            }

            await Task.Delay(2);
        }
    }
}
