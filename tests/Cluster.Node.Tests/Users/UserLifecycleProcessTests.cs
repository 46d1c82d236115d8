using Cluster.Node.Tests.Hosting;

namespace Cluster.Node.Tests.Users;

/// <summary>An operator creates a user with the shell; the user survives a clean restart of the node.</summary>
public class UserLifecycleProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task User_added_with_the_shell_survives_a_node_restart()
    {
        using var fixture = new NodeFixture();
        await using (var node = fixture.Start())
        {
            await node.WaitForLineAsync("is up", StartTimeout);
            var add = await ShellProcess.RunAsync(fixture.ShellPort, "user", "add", "alice@example.com", "--password", "correct-horse-1", "--display", "Alice Liddell");
            Assert.True(add.ExitCode == 0, $"uc user add failed ({add.ExitCode}):\n{add.Output}");
            Assert.Contains("User alice@example.com created", add.Output);

            node.Terminate();
            Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Matches(@"journal flushed and closed \([1-9][0-9]* events", node.Output);
        }

        await using var restarted = fixture.Start("node1-again");
        await restarted.WaitForLineAsync("is up", StartTimeout);
        var show = await ShellProcess.RunAsync(fixture.ShellPort, "user", "show", "alice@example.com");
        Assert.True(show.ExitCode == 0, $"uc user show failed ({show.ExitCode}):\n{show.Output}");
        Assert.Contains("Alice Liddell", show.Output);

        var missing = await ShellProcess.RunAsync(fixture.ShellPort, "user", "show", "bob@example.com");
        Assert.Equal(1, missing.ExitCode);
    }
}
