namespace Cluster.Node.Hosting;

/// <summary>
/// Guards a node's data directory against a second node process. Two nodes writing one SQLite journal would
/// interleave their writers; the lock makes the second one refuse at startup with a message that names the
/// directory and the process that holds it.
/// </summary>
/// <remarks>
/// .NET maps <see cref="FileShare.None"/> to an exclusive advisory <c>flock</c> on Unix, which the kernel releases
/// when the process dies, also after kill -9, so a crashed node never leaves a stale lock behind.
/// </remarks>
public sealed class DataDirectoryLock : IDisposable
{
    private const string LockFileName = "node.lock";
    private const string PidFileName = "node.pid";

    private readonly FileStream lockFile;
    private readonly string pidPath;

    private DataDirectoryLock(string directory, FileStream lockFile)
    {
        Directory = directory;
        this.lockFile = lockFile;
        pidPath = Path.Combine(directory, PidFileName);
    }

    /// <summary>The absolute path of the locked directory.</summary>
    public string Directory { get; }

    /// <summary>
    /// Creates the directory when missing and takes its lock, or throws <see cref="DataDirectoryInUseException"/>
    /// when another process holds it.
    /// </summary>
    public static DataDirectoryLock Acquire(string directory)
    {
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var lockPath = Path.Combine(full, LockFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DataDirectoryInUseException(full, ReadHolderPid(Path.Combine(full, PidFileName)));
        }

        var dataLock = new DataDirectoryLock(full, stream);
        File.WriteAllText(dataLock.pidPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return dataLock;
    }

    private static int? ReadHolderPid(string pidPath)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidPath).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(pidPath);
        }
        catch (IOException)
        {
            // The pid file is informational only; the lock itself is released below.
        }
        lockFile.Dispose();
    }
}
