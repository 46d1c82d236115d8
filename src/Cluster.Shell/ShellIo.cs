using Cluster.Shell.LineEditing;

namespace Cluster.Shell;

/// <summary>
/// Everything the shell touches outside itself (streams, terminal, environment, Ctrl-C), passed in so the whole
/// program runs in-process in tests exactly as it runs from a terminal.
/// </summary>
/// <param name="Input">Commands when stdin is not a terminal.</param>
/// <param name="Output">Command output (stdout).</param>
/// <param name="Error">Errors and notices (stderr).</param>
/// <param name="Terminal">The interactive terminal, or null when stdin is redirected.</param>
/// <param name="Environment">Environment variable lookup.</param>
/// <param name="Interrupts">Ctrl-C while a command runs: each registration is invoked on the signal.</param>
internal sealed record ShellIo(TextReader Input, TextWriter Output, TextWriter Error, ITerminal? Terminal,
    Func<string, string?> Environment, IInterruptSource Interrupts)
{
    /// <summary>The process's console.</summary>
    public static ShellIo FromConsole() => new(Console.In, Console.Out, Console.Error,
        Console.IsInputRedirected ? null : new ConsoleTerminal(), System.Environment.GetEnvironmentVariable,
        new ConsoleInterruptSource());
}
