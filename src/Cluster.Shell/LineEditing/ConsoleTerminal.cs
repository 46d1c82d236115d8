namespace Cluster.Shell.LineEditing;

/// <summary>The real console: raw keys via <see cref="Console.ReadKey(bool)"/>, output with ANSI cursor control.</summary>
internal sealed class ConsoleTerminal : ITerminal
{
    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);

    public void Write(string text)
    {
        Console.Out.Write(text);
        Console.Out.Flush();
    }

    public int Width
    {
        get
        {
            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
            }
            catch (IOException)
            {
                return 80;
            }
        }
    }

    public bool CaptureControlC
    {
        set => Console.TreatControlCAsInput = value;
    }
}
