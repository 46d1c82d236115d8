namespace Cluster.Runtime.Kernel;

/// <summary>
/// Common base of every actor reference (local, temporary ask references, dead letters and, later, remote ones):
/// equality by path and uid, and a readable <see cref="ToString"/>. A remote reference only has to supply the path
/// and the sending.
/// </summary>
public abstract class ActorRefBase : IActorRef, IComparable<IActorRef>
{
    public abstract ActorPath Path { get; }

    public abstract void Tell(object message, IActorRef? sender);

    public bool Equals(IActorRef? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null) return false;
        var a = Path;
        var b = other.Path;
        return a.Uid == b.Uid && a.Equals(b);
    }

    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Path.Uid, Path);

    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        var c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}
