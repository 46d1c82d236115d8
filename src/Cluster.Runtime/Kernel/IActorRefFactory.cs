namespace Cluster.Runtime.Kernel;

/// <summary>Something that can create actors and look them up: the actor system and every actor context.</summary>
public interface IActorRefFactory
{
    /// <summary>Creates an actor; <paramref name="name"/> must be unique among its siblings (null = generated).</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Looks actors up by absolute (<c>/user/a</c>, <c>uc://sys/user/a</c>) or relative path; * and ? match.</summary>
    ActorSelection ActorSelection(string path);
}
