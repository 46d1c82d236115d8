using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Cluster.Runtime.Logging;
using Serilog.Events;

namespace Cluster.Runtime.Commands.Palettes;

/// <summary>
/// The <c>log</c> palette: show and change log levels at run time and follow the node's log live, as an operator
/// would with <c>pbm</c>. Built from <see cref="LogPaletteBindings"/> so it works with whatever logging the node
/// host sets up.
/// </summary>
public static class LogPalette
{
    /// <summary>Creates the palette.</summary>
    /// <param name="bindings">The logging subsystem's delegates.</param>
    /// <param name="tailBuffer">Events buffered per <c>log tail</c> before new ones are dropped (and counted).</param>
    public static CommandPalette Create(LogPaletteBindings bindings, int tailBuffer = 1024)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentOutOfRangeException.ThrowIfLessThan(tailBuffer, 1);
        return new CommandPalette("log", "Log levels and live log output of this node",
        [
            new CommandDefinition("levels", "Show the default log level and the namespace overrides in force",
                (_, output, _) => ShowLevelsAsync(bindings, output)),
            new CommandDefinition("level", "Change the minimum log level, for everything or for one namespace prefix",
                (invocation, output, _) => SetLevelAsync(bindings, invocation, output),
                arguments:
                [
                    new CommandArgument("level", "verbose, debug, information, warning, error or fatal"),
                    new CommandArgument("namespace", "namespace prefix to override (default: the default level)", isRequired: false),
                ]),
            new CommandDefinition("tail", "Print this node's log events as they happen, until stopped",
                (invocation, output, cancellationToken) => TailAsync(bindings, tailBuffer, invocation, output, cancellationToken),
                options:
                [
                    CommandOption.Value("level", "lowest level to show (default: everything the node logs)", 'l'),
                    CommandOption.Value("namespace", "only events whose source starts with this prefix", 'n', repeatable: true, valueName: "prefix"),
                ],
                isStreaming: true),
        ]);
    }

    /// <summary>Parses a level name; a usage error lists the names accepted.</summary>
    public static LogEventLevel ParseLevel(string text) =>
        LogLevelNames.TryParse(text, out var level) ? level : throw new CommandUsageException(LogLevelNames.UnknownLevelMessage(text));

    private static async Task ShowLevelsAsync(LogPaletteBindings bindings, CommandOutput output)
    {
        var table = new CommandTable("namespace", "level");
        foreach (var setting in bindings.GetLevels().OrderBy(s => s.Namespace is not null).ThenBy(s => s.Namespace, StringComparer.Ordinal))
            table.AddRow(setting.Namespace ?? "(default)", setting.Level.ToString());
        await output.WriteTableAsync(table);
    }

    private static async Task SetLevelAsync(LogPaletteBindings bindings, CommandInvocation invocation, CommandOutput output)
    {
        var level = ParseLevel(invocation.Argument("level")!);
        var ns = invocation.Argument("namespace");
        if (ns is not null && (ns.Length == 0 || ns.Any(char.IsWhiteSpace)))
            throw new CommandUsageException($"namespace prefix '{ns}' must be non-empty and contain no spaces");
        bindings.SetLevel(level, ns);
        if (output.IsJson)
            await output.WriteJsonAsync(new JsonObject { ["namespace"] = ns, ["level"] = level.ToString() });
        else
            await output.WriteLineAsync(ns is null ? $"Default log level set to {level}" : $"Log level for {ns} set to {level}");
    }

    private static async Task TailAsync(LogPaletteBindings bindings, int tailBuffer, CommandInvocation invocation,
        CommandOutput output, CancellationToken cancellationToken)
    {
        var minimum = invocation.Option("level") is { } text ? ParseLevel(text) : LogEventLevel.Verbose;
        var prefixes = invocation.Options("namespace");
        var buffer = Channel.CreateBounded<LogTailEvent>(new BoundedChannelOptions(tailBuffer)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full, so drops are counted, never hidden.
        });
        long dropped = 0;
        using var subscription = bindings.SubscribeTail(e =>
        {
            if (e.Level < minimum)
                return;
            if (prefixes.Count > 0 && !prefixes.Any(p => e.Source?.StartsWith(p, StringComparison.Ordinal) == true))
                return;
            if (!buffer.Writer.TryWrite(e))
                Interlocked.Increment(ref dropped);
        });
        if (!output.IsJson)
            await output.WriteLineAsync("Following the log; press Ctrl-C to stop.");
        await foreach (var e in buffer.Reader.ReadAllAsync(cancellationToken))
        {
            var lost = Interlocked.Exchange(ref dropped, 0);
            if (lost > 0)
                await WriteDroppedAsync(output, lost);
            await WriteEventAsync(output, e);
        }
    }

    private static ValueTask WriteDroppedAsync(CommandOutput output, long lost) => output.IsJson
        ? output.WriteJsonAsync(new JsonObject { ["dropped"] = lost })
        : output.WriteLineAsync($"... {lost} log events dropped: the shell reads slower than the node logs");

    private static ValueTask WriteEventAsync(CommandOutput output, LogTailEvent e)
    {
        if (output.IsJson)
        {
            return output.WriteJsonAsync(new JsonObject
            {
                ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
                ["level"] = e.Level.ToString(),
                ["source"] = e.Source,
                ["message"] = e.Message,
                ["exception"] = e.Exception,
            });
        }
        var time = e.Timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var source = e.Source is null ? "" : $" {e.Source}:";
        var line = $"{time} [{ShortLevel(e.Level)}]{source} {e.Message}";
        return output.WriteLineAsync(e.Exception is null ? line : line + Environment.NewLine + e.Exception);
    }

    private static string ShortLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
