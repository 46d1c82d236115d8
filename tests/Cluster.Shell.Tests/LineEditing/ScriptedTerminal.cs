using System.Text;
using Cluster.Shell.LineEditing;

namespace Cluster.Shell.Tests.LineEditing;

/// <summary>Feeds prepared keys to the line editor and records what it draws.</summary>
internal sealed class ScriptedTerminal(int width = 80) : ITerminal
{
    private readonly Queue<ConsoleKeyInfo> keys = new();

    public StringBuilder Screen { get; } = new();

    public int Width => width;

    public bool CaptureControlC { get; set; }

    public ScriptedTerminal Type(string text)
    {
        foreach (var c in text)
            keys.Enqueue(new ConsoleKeyInfo(c, c == ' ' ? ConsoleKey.Spacebar : ConsoleKey.A, false, false, false));
        return this;
    }

    public ScriptedTerminal Press(ConsoleKey key, bool control = false)
    {
        var ch = key switch
        {
            ConsoleKey.Enter => '\r',
            ConsoleKey.Tab => '\t',
            ConsoleKey.Backspace => '\b',
            _ => '\0',
        };
        keys.Enqueue(new ConsoleKeyInfo(ch, key, false, false, control));
        return this;
    }

    public ConsoleKeyInfo ReadKey() =>
        keys.Count > 0 ? keys.Dequeue() : throw new InvalidOperationException("the editor asked for more keys than the test typed");

    public void Write(string text) => Screen.Append(text);
}
