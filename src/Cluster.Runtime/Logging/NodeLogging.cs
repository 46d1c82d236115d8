using Serilog.Core;

namespace Cluster.Runtime.Logging;

/// <summary>
/// What a node holds on to for its logging: the logger, the run-time level registry the shell changes, and the tail
/// sink the shell subscribes to. Disposing flushes and closes the sinks (file handles).
/// </summary>
public sealed class NodeLogging : IDisposable
{
    internal NodeLogging(Logger logger, LogLevels levels, LogTailSink tail)
    {
        Logger = logger;
        Levels = levels;
        Tail = tail;
    }

    public Logger Logger { get; }

    public LogLevels Levels { get; }

    public LogTailSink Tail { get; }

    public void Dispose() => Logger.Dispose();
}
