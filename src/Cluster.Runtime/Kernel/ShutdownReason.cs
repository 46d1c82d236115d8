namespace Cluster.Runtime.Kernel;

/// <summary>Why coordinated shutdown ran (Akka's CoordinatedShutdown.Reason); compared by reference or name.</summary>
public sealed record ShutdownReason(string Name)
{
    public static readonly ShutdownReason Unknown = new("unknown");
    public static readonly ShutdownReason ActorSystemTerminate = new("actor-system-terminate");
    public static readonly ShutdownReason ProcessExit = new("process-exit");
    public static readonly ShutdownReason ClusterLeaving = new("cluster-leaving");
    public static readonly ShutdownReason ClusterDowning = new("cluster-downing");
    public static readonly ShutdownReason ClusterJoinUnsuccessful = new("cluster-join-unsuccessful");

    public override string ToString() => Name;
}
