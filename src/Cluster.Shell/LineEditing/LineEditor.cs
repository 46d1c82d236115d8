using System.Text;
using Cluster.Runtime.Commands.Parsing;
using Cluster.Shell.Completion;

namespace Cluster.Shell.LineEditing;

/// <summary>
/// Emacs-style line editing on a raw terminal (no readline library is available): cursor movement, kill commands,
/// history with Up/Down, and Tab completion. Lines longer than the screen scroll horizontally, so the editor only
/// ever redraws one screen row and never has to track wrapped lines.
/// </summary>
/// <remarks>
/// Keys: Left/Right/Ctrl-B/Ctrl-F move; Home/Ctrl-A, End/Ctrl-E; Backspace, Delete/Ctrl-D; Ctrl-U and Ctrl-K kill to
/// start/end; Ctrl-W kills the previous word; Up/Ctrl-P, Down/Ctrl-N walk history; Tab completes (twice lists the
/// candidates when they share no longer prefix); Ctrl-L clears the screen; Ctrl-C abandons the line; Ctrl-D on an
/// empty line ends input.
/// </remarks>
internal sealed class LineEditor(ITerminal terminal, CommandHistory history, Func<string, CompletionResult> complete)
{
    private const string ClearToEnd = "\u001b[K";

    private readonly StringBuilder line = new();
    private string prompt = "";
    private int cursor;
    private int offset;

    /// <summary>Reads one line; null when the operator pressed Ctrl-D on an empty line.</summary>
    public string? ReadLine(string promptText)
    {
        prompt = promptText;
        line.Clear();
        cursor = 0;
        offset = 0;
        var historyIndex = history.Entries.Count;
        var draft = "";
        var lastWasTab = false;
        terminal.Write(prompt);
        terminal.CaptureControlC = true;
        try
        {
            while (true)
            {
                var key = terminal.ReadKey();
                var isTab = key.Key == ConsoleKey.Tab;
                var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        cursor = line.Length;
                        Redraw();
                        terminal.Write("\n");
                        return line.ToString();
                    case ConsoleKey.C when control:
                        terminal.Write("^C\n");
                        return "";
                    case ConsoleKey.D when control:
                        if (line.Length == 0)
                        {
                            terminal.Write("\n");
                            return null;
                        }
                        DeleteAt(cursor);
                        break;
                    case ConsoleKey.Tab:
                        Complete(lastWasTab);
                        break;
                    case ConsoleKey.Backspace:
                        if (cursor > 0)
                            DeleteAt(--cursor);
                        break;
                    case ConsoleKey.Delete:
                        DeleteAt(cursor);
                        break;
                    case ConsoleKey.LeftArrow:
                    case ConsoleKey.B when control:
                        cursor = Math.Max(0, cursor - 1);
                        break;
                    case ConsoleKey.RightArrow:
                    case ConsoleKey.F when control:
                        cursor = Math.Min(line.Length, cursor + 1);
                        break;
                    case ConsoleKey.Home:
                    case ConsoleKey.A when control:
                        cursor = 0;
                        break;
                    case ConsoleKey.End:
                    case ConsoleKey.E when control:
                        cursor = line.Length;
                        break;
                    case ConsoleKey.U when control:
                        line.Remove(0, cursor);
                        cursor = 0;
                        break;
                    case ConsoleKey.K when control:
                        line.Remove(cursor, line.Length - cursor);
                        break;
                    case ConsoleKey.W when control:
                        KillWordBack();
                        break;
                    case ConsoleKey.L when control:
                        terminal.Write("\u001b[2J\u001b[H" + prompt);
                        break;
                    case ConsoleKey.UpArrow:
                    case ConsoleKey.P when control:
                        if (historyIndex > 0)
                        {
                            if (historyIndex == history.Entries.Count)
                                draft = line.ToString();
                            Replace(history.Entries[--historyIndex]);
                        }
                        break;
                    case ConsoleKey.DownArrow:
                    case ConsoleKey.N when control:
                        if (historyIndex < history.Entries.Count)
                        {
                            historyIndex++;
                            Replace(historyIndex == history.Entries.Count ? draft : history.Entries[historyIndex]);
                        }
                        break;
                    default:
                        if (key.KeyChar >= ' ' && !char.IsControl(key.KeyChar) && !control)
                            line.Insert(cursor++, key.KeyChar);
                        break;
                }
                lastWasTab = isTab;
                Redraw();
            }
        }
        finally
        {
            terminal.CaptureControlC = false;
        }
    }

    private void Complete(bool secondTab)
    {
        var before = line.ToString(0, cursor);
        var result = complete(before);
        if (result.Candidates.Count == 0)
            return;
        if (result.Candidates.Count == 1)
        {
            ReplaceWord(result.ReplaceStart, CommandLineTokenizer.Quote(result.Candidates[0]) + " ");
            return;
        }
        var common = result.CommonPrefix;
        if (common.Length > result.Current.Length)
        {
            ReplaceWord(result.ReplaceStart, common);
            return;
        }
        if (!secondTab)
            return;
        // List the candidates under the line, then redraw the prompt below them.
        var width = Math.Max(20, terminal.Width);
        var column = result.Candidates.Max(c => c.Length) + 2;
        var perRow = Math.Max(1, width / column);
        var listing = new StringBuilder("\n");
        foreach (var row in result.Candidates.Chunk(perRow))
            listing.Append(string.Concat(row.Select(c => c.PadRight(column))).TrimEnd()).Append('\n');
        terminal.Write(listing + prompt);
    }

    private void ReplaceWord(int start, string text)
    {
        line.Remove(start, cursor - start);
        line.Insert(start, text);
        cursor = start + text.Length;
    }

    private void Replace(string text)
    {
        line.Clear().Append(text);
        cursor = line.Length;
    }

    private void DeleteAt(int index)
    {
        if (index < line.Length)
            line.Remove(index, 1);
    }

    private void KillWordBack()
    {
        var start = cursor;
        while (start > 0 && line[start - 1] == ' ')
            start--;
        while (start > 0 && line[start - 1] != ' ')
            start--;
        line.Remove(start, cursor - start);
        cursor = start;
    }

    /// <summary>Redraws the visible window of the line and puts the cursor back where it belongs.</summary>
    private void Redraw()
    {
        var room = Math.Max(8, terminal.Width - prompt.Length - 1);
        if (cursor < offset)
            offset = cursor;
        if (cursor > offset + room)
            offset = cursor - room;
        offset = Math.Max(0, Math.Min(offset, Math.Max(0, line.Length - room)));
        var visible = line.ToString(offset, Math.Min(room, line.Length - offset));
        var column = prompt.Length + cursor - offset;
        terminal.Write("\r" + prompt + visible + ClearToEnd + "\r" + (column > 0 ? $"\u001b[{column}C" : ""));
    }
}
