using System.Diagnostics;

namespace Cluster.Shell.Tests;

/// <summary>Runs the built <c>uc</c> executable as a separate process, as an operator or script would.</summary>
public class UcProcessTests
{
    private static ProcessStartInfo StartInfo(params string[] args)
    {
        var directory = AppContext.BaseDirectory;
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? "uc.exe" : "uc");
        var info = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(directory, "uc.dll") } };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.Environment["UC_HISTORY_FILE"] = Path.Combine(Path.GetTempPath(), $"uc-history-{Guid.NewGuid():N}");
        info.Environment.Remove("UC_TOKEN");
        return info;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        using var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("could not start uc");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(ShellRun.Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"expected uc {string.Join(" ", args)} to exit within {ShellRun.Deadline.TotalSeconds} s");
        }
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Uc_executable_runs_a_one_shot_command()
    {
        await using var node = await ShellTestNode.StartAsync();
        var (exit, output, error) = await RunAsync("", node.Address, "cluster", "show");
        Assert.True(exit == 0, $"uc exited {exit}: {error}");
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("address     status   shards", lines[0]);
        Assert.Equal("node2:4053  Joining       3", lines[3]);
    }

    [Fact]
    public async Task Uc_executable_reports_a_usage_error_with_status_two()
    {
        await using var node = await ShellTestNode.StartAsync();
        var (exit, _, error) = await RunAsync("", node.Address, "cluster", "show", "--foo");
        Assert.Equal(2, exit);
        Assert.Contains("unknown option --foo for 'cluster show'; it takes no options", error);
    }

    [Fact]
    public async Task Uc_executable_reads_commands_from_redirected_stdin()
    {
        await using var node = await ShellTestNode.StartAsync();
        var (exit, output, error) = await RunAsync("cluster echo one\ncluster echo two\n", node.Address);
        Assert.True(exit == 0, $"uc exited {exit}: {error}");
        Assert.Equal("one\ntwo\n", output.ReplaceLineEndings("\n"));
    }
}
