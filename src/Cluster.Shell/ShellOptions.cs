using System.Globalization;
using Cluster.Shell.Client;

namespace Cluster.Shell;

/// <summary>
/// The shell's own command line: <c>uc [HOST:PORT] [--token TOKEN] [--timeout SECONDS] [--json] [COMMAND...]</c>.
/// Shell options must come before the command; every word from the command on goes to the node unchanged.
/// </summary>
internal sealed record ShellOptions(ShellEndpoint Endpoint, string? Token, TimeSpan ConnectTimeout, IReadOnlyList<string> Command,
    bool ShowHelp, bool ShowVersion)
{
    public const string Usage = """
        usage: uc [HOST:PORT] [options] [COMMAND...]

          HOST:PORT          node command endpoint (default 127.0.0.1:9110)
          COMMAND...         run one command and exit with its status; without it, start the interactive shell
                             (reading commands line by line when stdin is not a terminal)

        options:
          --token TOKEN      operator token for a node that is not on this machine (or set UC_TOKEN)
          --timeout SECONDS  connect and handshake timeout (default 10)
          --json             print JSON values instead of text (same as adding --json to the command)
          -h, --help         show this help
          --version          show the shell's version

        exit status: 0 ok, 1 command failed, 2 usage error, 3 cannot connect or connection lost,
                     4 refused by the node (token), 130 interrupted
        """;

    /// <summary>Parses the arguments; a <see cref="ShellUsageException"/> carries the message for stderr.</summary>
    public static ShellOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var endpoint = ShellEndpoint.Default;
        var token = environment("UC_TOKEN") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        var timeout = TimeSpan.FromSeconds(10);
        var json = false;
        var help = false;
        var version = false;
        var sawEndpoint = false;
        var i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, (string?)null);
            switch (name)
            {
                case "-h" or "--help":
                    help = true;
                    continue;
                case "--version":
                    version = true;
                    continue;
                case "--json":
                    json = true;
                    continue;
                case "--token":
                    token = inline ?? Next(args, ref i, "--token", "TOKEN");
                    if (token.Length == 0)
                        throw new ShellUsageException("--token needs a non-empty value");
                    continue;
                case "--timeout":
                    var text = inline ?? Next(args, ref i, "--timeout", "SECONDS");
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 3600)
                        throw new ShellUsageException($"--timeout expects seconds between 0 and 3600, got '{text}'");
                    timeout = TimeSpan.FromSeconds(seconds);
                    continue;
                case "--":
                    i++;
                    break;
                default:
                    if (arg.StartsWith('-'))
                        throw new ShellUsageException($"unknown option {arg} for uc; shell options come before the command (see uc --help)");
                    if (!sawEndpoint && ShellEndpoint.TryParse(arg, out var parsed))
                    {
                        endpoint = parsed;
                        sawEndpoint = true;
                        continue;
                    }
                    break;
            }
            break;
        }
        var command = args.Skip(i).ToList();
        if (json && command.Count > 0 && !command.Contains("--json"))
            command.Add("--json");
        return new ShellOptions(endpoint, token, timeout, command, help, version) { JsonDefault = json };
    }

    /// <summary><c>--json</c> given to uc itself: applies to every command typed in the session.</summary>
    public bool JsonDefault { get; init; }

    private static string Next(IReadOnlyList<string> args, ref int i, string option, string value)
    {
        if (i + 1 >= args.Count)
            throw new ShellUsageException($"{option} needs a value: {option} {value}");
        return args[++i];
    }
}
