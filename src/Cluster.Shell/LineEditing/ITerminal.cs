namespace Cluster.Shell.LineEditing;

/// <summary>
/// The keyboard and screen the line editor drives; the console in production, a scripted fake in tests.
/// </summary>
internal interface ITerminal
{
    ConsoleKeyInfo ReadKey();

    void Write(string text);

    /// <summary>Columns on screen; the editor scrolls long lines horizontally within it.</summary>
    int Width { get; }

    /// <summary>While true, Ctrl-C arrives as a key instead of a signal (the editor clears the line on it).</summary>
    bool CaptureControlC { set; }
}
