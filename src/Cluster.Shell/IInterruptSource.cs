namespace Cluster.Shell;

/// <summary>Delivers Ctrl-C to the running command without ending the shell process.</summary>
internal interface IInterruptSource
{
    /// <summary>Calls <paramref name="onInterrupt"/> on each Ctrl-C until the returned handle is disposed.</summary>
    IDisposable Register(Action onInterrupt);
}
