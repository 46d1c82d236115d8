using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Cluster.TestSupport;

/// <summary>
/// A node (or any project executable) running as a real child process, the way an operator starts it. Output lines
/// are collected so that tests wait on what the process says, with a deadline, instead of sleeping.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<string> Found)> waiters = new();
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();

    private NodeProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    /// <summary>A label for messages (e.g. "node1").</summary>
    public string Name { get; }

    public int Pid => process.Id;

    /// <summary>Every line written to stdout and stderr so far (stderr lines start with "stderr: ").</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return lines.ToArray();
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    public bool HasExited => exited.Task.IsCompleted;

    /// <summary>Starts <c>dotnet ASSEMBLY ARGS</c> in <paramref name="workingDirectory"/>.</summary>
    public static NodeProcess Start(string name, string assemblyPath, IEnumerable<string> args, string workingDirectory,
        IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(process, name);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, stderr: true);
        process.Exited += (_, _) => node.OnExited();
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: could not start dotnet {assemblyPath}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/> (already seen lines count) and returns it.</summary>
    public async Task<string> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        TaskCompletionSource<string> found = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var seen = lines.FirstOrDefault(regex.IsMatch);
            if (seen is not null)
            {
                return seen;
            }
            waiters.Add((regex, found));
        }

        var winner = await Task.WhenAny(found.Task, exited.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (winner == found.Task)
        {
            return await found.Task.ConfigureAwait(false);
        }
        // The process may have printed the line just before exiting.
        await Task.WhenAny(found.Task, Task.Delay(TimeSpan.FromMilliseconds(200))).ConfigureAwait(false);
        if (found.Task.IsCompleted)
        {
            return await found.Task.ConfigureAwait(false);
        }
        var why = winner == exited.Task ? $"exited with code {exited.Task.Result}" : $"did not print it within {timeout}";
        throw new TimeoutException($"{Name}: expected a line matching /{pattern}/ but the process {why}. Output:\n{Output}");
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var winner = await Task.WhenAny(exited.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (winner != exited.Task)
        {
            throw new TimeoutException($"{Name}: expected the process to exit within {timeout}. Output:\n{Output}");
        }
        process.WaitForExit(); // drains the redirected streams
        return exited.Task.Result;
    }

    /// <summary>Sends SIGTERM, as a service manager does on stop.</summary>
    public void Terminate() => SendSignal(Signal.Term);

    /// <summary>Sends SIGINT, as Ctrl-C does.</summary>
    public void Interrupt() => SendSignal(Signal.Int);

    /// <summary>kill -9: the process gets no chance to clean up.</summary>
    public void KillHard()
    {
        if (!HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            KillHard();
            await WaitForExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        process.Dispose();
    }

    private void SendSignal(Signal signal)
    {
        if (!HasExited && Kill(process.Id, (int)signal) != 0)
        {
            throw new InvalidOperationException($"{Name}: kill({process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private void OnLine(string? line, bool stderr)
    {
        if (line is null)
        {
            return;
        }
        var text = stderr ? "stderr: " + line : line;
        List<TaskCompletionSource<string>> completed = new();
        lock (gate)
        {
            lines.Add(text);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Pattern.IsMatch(text))
                {
                    completed.Add(waiters[i].Found);
                    waiters.RemoveAt(i);
                }
            }
        }
        foreach (var found in completed)
        {
            found.TrySetResult(text);
        }
    }

    private void OnExited()
    {
        int code;
        try
        {
            process.WaitForExit();
            code = process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }
        exited.TrySetResult(code);
    }

    private enum Signal
    {
        Int = 2,
        Term = 15,
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
