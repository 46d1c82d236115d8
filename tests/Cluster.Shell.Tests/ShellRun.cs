using Cluster.Shell.LineEditing;

namespace Cluster.Shell.Tests;

/// <summary>Runs the real <c>uc</c> program in-process with captured streams and a controllable Ctrl-C.</summary>
internal sealed class ShellRun
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public FakeInterrupts Interrupts { get; } = new();

    public Dictionary<string, string> Environment { get; } = new() { ["UC_HISTORY_FILE"] = Path.Combine(Path.GetTempPath(), $"uc-history-{Guid.NewGuid():N}") };

    public Task<int> StartAsync(string[] args, string input = "", ITerminal? terminal = null)
    {
        var io = new ShellIo(new StringReader(input), TextWriter.Synchronized(Output), TextWriter.Synchronized(Error), terminal,
            name => Environment.GetValueOrDefault(name), Interrupts);
        return Task.Run(() => ShellApp.RunAsync(args, io));
    }

    public async Task<int> RunAsync(string[] args, string input = "", ITerminal? terminal = null) =>
        await WithDeadline(StartAsync(args, input, terminal), "uc to exit");

    public static async Task<T> WithDeadline<T>(Task<T> task, string expected)
    {
        if (await Task.WhenAny(task, Task.Delay(Deadline)) != task)
            throw new TimeoutException($"expected {expected} within {Deadline.TotalSeconds} s");
        return await task;
    }

    public static async Task WithDeadline(Task task, string expected)
    {
        if (await Task.WhenAny(task, Task.Delay(Deadline)) != task)
            throw new TimeoutException($"expected {expected} within {Deadline.TotalSeconds} s");
        await task;
    }

    /// <summary>Ctrl-C under test control.</summary>
    internal sealed class FakeInterrupts : IInterruptSource
    {
        private readonly List<Action> handlers = [];

        public IDisposable Register(Action onInterrupt)
        {
            lock (handlers)
                handlers.Add(onInterrupt);
            return new Registration(this, onInterrupt);
        }

        public void Fire()
        {
            Action[] current;
            lock (handlers)
                current = handlers.ToArray();
            if (current.Length == 0)
                throw new InvalidOperationException("Ctrl-C fired while no command was running");
            foreach (var handler in current)
                handler();
        }

        private sealed class Registration(FakeInterrupts owner, Action handler) : IDisposable
        {
            public void Dispose()
            {
                lock (owner.handlers)
                    owner.handlers.Remove(handler);
            }
        }
    }
}
