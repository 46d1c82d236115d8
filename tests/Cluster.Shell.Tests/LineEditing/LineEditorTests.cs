using Cluster.Runtime.Commands.Protocol;
using Cluster.Shell.Completion;
using Cluster.Shell.LineEditing;

namespace Cluster.Shell.Tests.LineEditing;

public class LineEditorTests
{
    private static readonly CommandCatalogue Catalogue = new(
    [
        new PaletteInfo("cluster", "membership",
        [
            new CommandInfo("show", "members", "cluster show", false, [], []),
            new CommandInfo("status", "status", "cluster status", false, [], []),
        ]),
    ]);

    private static (LineEditor Editor, CommandHistory History) Editor(ScriptedTerminal terminal, string? historyPath = null)
    {
        var history = new CommandHistory(historyPath);
        return (new LineEditor(terminal, history, text => CommandCompleter.Complete(Catalogue, text)), history);
    }

    [Fact]
    public void Typed_text_with_cursor_edits_is_returned_on_enter()
    {
        var terminal = new ScriptedTerminal().Type("clster shw")
            .Press(ConsoleKey.LeftArrow).Type("o")                              // "clster show"
            .Press(ConsoleKey.Home).Press(ConsoleKey.RightArrow).Press(ConsoleKey.RightArrow).Type("u") // "cluster show"
            .Press(ConsoleKey.Enter);
        var (editor, _) = Editor(terminal);
        Assert.Equal("cluster show", editor.ReadLine("uc@node1> "));
        Assert.StartsWith("uc@node1> ", terminal.Screen.ToString());
        Assert.False(terminal.CaptureControlC);
    }

    [Fact]
    public void Tab_completes_a_unique_palette_and_the_common_prefix_of_commands()
    {
        var terminal = new ScriptedTerminal().Type("cl").Press(ConsoleKey.Tab).Type("s").Press(ConsoleKey.Tab)
            .Type("h").Press(ConsoleKey.Tab).Press(ConsoleKey.Enter);
        var (editor, _) = Editor(terminal);
        Assert.Equal("cluster show ", editor.ReadLine("> "));
    }

    [Fact]
    public void Second_tab_lists_ambiguous_candidates()
    {
        var terminal = new ScriptedTerminal().Type("cluster s").Press(ConsoleKey.Tab).Press(ConsoleKey.Tab).Press(ConsoleKey.Enter);
        var (editor, _) = Editor(terminal);
        Assert.Equal("cluster s", editor.ReadLine("> "));
        Assert.Contains("\nshow    status\n> ", terminal.Screen.ToString());
    }

    [Fact]
    public void Up_and_down_walk_history_and_restore_the_draft()
    {
        var path = Path.Combine(Path.GetTempPath(), $"uc-history-{Guid.NewGuid():N}");
        try
        {
            var first = new ScriptedTerminal().Type("cluster show").Press(ConsoleKey.Enter);
            var (editor, history) = Editor(first, path);
            history.Add(editor.ReadLine("> ")!);
            history.Add("cluster status");

            // A new session loads the file: Up twice reaches the older entry, Down returns to the draft.
            var second = new ScriptedTerminal().Type("dra").Press(ConsoleKey.UpArrow).Press(ConsoleKey.UpArrow).Press(ConsoleKey.Enter)
                .Type("dra").Press(ConsoleKey.UpArrow).Press(ConsoleKey.DownArrow).Type("ft").Press(ConsoleKey.Enter);
            var (reloaded, reloadedHistory) = Editor(second, path);
            Assert.Equal(["cluster show", "cluster status"], reloadedHistory.Entries);
            Assert.Equal("cluster show", reloaded.ReadLine("> "));
            Assert.Equal("draft", reloaded.ReadLine("> "));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void History_skips_repeats_and_lines_starting_with_a_space()
    {
        var history = new CommandHistory(null);
        history.Add("cluster show");
        history.Add("cluster show");
        history.Add(" cluster leave --token secret");
        history.Add("   ");
        Assert.Equal(["cluster show"], history.Entries);
    }

    [Fact]
    public void Ctrl_c_abandons_the_line_and_ctrl_d_on_empty_line_ends_input()
    {
        var terminal = new ScriptedTerminal().Type("cluster sh").Press(ConsoleKey.C, control: true)
            .Press(ConsoleKey.D, control: true);
        var (editor, _) = Editor(terminal);
        Assert.Equal("", editor.ReadLine("> "));
        Assert.Null(editor.ReadLine("> "));
    }

    [Fact]
    public void Kill_commands_remove_words_and_line_parts()
    {
        var terminal = new ScriptedTerminal().Type("cluster show extra").Press(ConsoleKey.W, control: true)
            .Press(ConsoleKey.Backspace).Press(ConsoleKey.A, control: true).Press(ConsoleKey.K, control: true)
            .Type("log tail").Press(ConsoleKey.Enter);
        var (editor, _) = Editor(terminal);
        Assert.Equal("log tail", editor.ReadLine("> "));
    }

    [Fact]
    public void Long_lines_scroll_within_the_terminal_width()
    {
        var terminal = new ScriptedTerminal(width: 20).Type(new string('x', 50)).Press(ConsoleKey.Enter);
        var (editor, _) = Editor(terminal);
        Assert.Equal(new string('x', 50), editor.ReadLine("> "));
        var lastDraw = terminal.Screen.ToString().Split('\r').Where(s => s.StartsWith("> ", StringComparison.Ordinal)).Last();
        Assert.True(lastDraw.Replace("\u001b[K", "", StringComparison.Ordinal).Length <= 19, $"a redraw was wider than the terminal: {lastDraw}");
    }
}
