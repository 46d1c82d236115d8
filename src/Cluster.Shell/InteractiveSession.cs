using System.Globalization;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;
using Cluster.Runtime.Commands.Protocol;
using Cluster.Shell.Client;
using Cluster.Shell.Completion;
using Cluster.Shell.LineEditing;

namespace Cluster.Shell;

/// <summary>
/// The interactive shell: a prompt naming the node, line editing with history and completion on a terminal, or
/// plain line-by-line reading when stdin is a pipe or file (so operators can script a sequence of commands).
/// </summary>
/// <remarks>
/// On a terminal a lost connection is reported and re-established before the next command; in scripted mode it ends
/// the session with status 3. The session's status when input ends is 0 on a terminal, and in scripted mode the
/// status of the last command that failed (0 if none did), so <c>uc &lt; script</c> fails when any step failed.
/// </remarks>
internal sealed class InteractiveSession(ShellOptions options, ShellIo io)
{
    private ShellClient? client;

    public async Task<int> RunAsync()
    {
        var terminal = io.Terminal;
        try
        {
            client = await ShellClient.ConnectAsync(options.Endpoint, options.Token, options.ConnectTimeout, CancellationToken.None);
        }
        catch (ShellConnectionException e)
        {
            await io.Error.WriteLineAsync("uc: " + e.Message);
            return e.ExitCode;
        }
        try
        {
            LineEditor? editor = null;
            CommandHistory? history = null;
            if (terminal is not null)
            {
                history = new CommandHistory(CommandHistory.DefaultPath(io.Environment));
                editor = new LineEditor(terminal, history, text => CommandCompleter.Complete(Catalogue, text));
                var welcome = client.Welcome;
                terminal.Write($"Connected to {welcome.Node} ({welcome.Address}, version {welcome.Version}) at {options.Endpoint}.\n" +
                               "Type 'help' for commands, Tab to complete, 'exit' to leave.\n");
            }
            var status = ShellProtocol.ExitOk;
            while (true)
            {
                var line = editor is not null ? editor.ReadLine(Prompt) : await io.Input.ReadLineAsync();
                if (line is null)
                    return terminal is null ? status : ShellProtocol.ExitOk;
                var text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#'))
                    continue;
                history?.Add(line);
                IReadOnlyList<string> argv;
                try
                {
                    argv = CommandLineTokenizer.Tokenize(text);
                }
                catch (CommandUsageException e)
                {
                    await io.Error.WriteLineAsync("error: " + e.Message);
                    status = ShellProtocol.ExitUsage;
                    continue;
                }
                if (argv[0] is "exit" or "quit")
                    return ExitStatus(argv, terminal is null ? status : ShellProtocol.ExitOk);
                if (options.JsonDefault && !argv.Contains("--json"))
                    argv = [.. argv, "--json"];
                var exit = await ExecuteAsync(argv, scripted: terminal is null);
                if (exit is { } code && code != ShellProtocol.ExitOk)
                    status = code;
                if (exit is null)
                    return ShellProtocol.ExitCannotConnect;
                if (terminal is not null && argv is ["help"])
                    terminal.Write("Shell: exit or quit leaves, Up/Down recall history, Tab completes, Ctrl-C stops a running command.\n");
            }
        }
        finally
        {
            if (client is not null)
                await client.DisposeAsync();
        }
    }

    private CommandCatalogue Catalogue => client?.Welcome.Catalogue ?? new CommandCatalogue([]);

    private string Prompt => $"uc@{client?.Welcome.Node ?? options.Endpoint.ToString()}> ";

    /// <summary>Runs a command, reconnecting first if needed; null means scripted mode lost the node.</summary>
    private async Task<int?> ExecuteAsync(IReadOnlyList<string> argv, bool scripted)
    {
        try
        {
            client ??= await ShellClient.ConnectAsync(options.Endpoint, options.Token, options.ConnectTimeout, CancellationToken.None);
            return await CommandRunner.RunAsync(client, argv, io);
        }
        catch (ShellConnectionException e)
        {
            await io.Error.WriteLineAsync("uc: " + e.Message);
            if (client is not null)
                await client.DisposeAsync();
            client = null;
            if (scripted)
                return null;
            return e.ExitCode;
        }
    }

    private int ExitStatus(IReadOnlyList<string> argv, int fallback)
    {
        if (argv.Count > 1 && int.TryParse(argv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= 255)
            return code;
        if (argv.Count > 1)
            io.Error.WriteLine($"uc: exit status must be a number between 0 and 255, got '{argv[1]}'");
        return fallback;
    }
}
