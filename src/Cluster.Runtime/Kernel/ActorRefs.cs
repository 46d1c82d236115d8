namespace Cluster.Runtime.Kernel;

/// <summary>Well-known references, named as in Akka.</summary>
public static class ActorRefs
{
    /// <summary>A reference that points nowhere: messages to it become dead letters of the sending system.</summary>
    public static IActorRef Nobody => Kernel.Nobody.Instance;

    /// <summary>The sender to pass when there is nobody to reply to.</summary>
    public static readonly IActorRef? NoSender = null;
}
