namespace Cluster.Shell;

/// <summary>
/// Ctrl-C from <see cref="Console.CancelKeyPress"/>: while a handler is registered the process is kept alive and the
/// handler stops the running command instead; with none registered Ctrl-C ends the process as usual.
/// </summary>
internal sealed class ConsoleInterruptSource : IInterruptSource
{
    public IDisposable Register(Action onInterrupt)
    {
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            onInterrupt();
        };
        Console.CancelKeyPress += handler;
        return new Registration(() => Console.CancelKeyPress -= handler);
    }

    private sealed class Registration(Action release) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                release();
        }
    }
}
