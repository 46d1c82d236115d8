namespace Cluster.Runtime.Kernel;

/// <summary>Handle to something scheduled; cancelling is idempotent and thread-safe.</summary>
public interface ICancelable
{
    void Cancel();
    bool IsCancellationRequested { get; }
}
