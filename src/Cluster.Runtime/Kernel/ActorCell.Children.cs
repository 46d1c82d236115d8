namespace Cluster.Runtime.Kernel;

/// <summary>Children: creation with unique names, lookup, and the bookkeeping supervision needs.</summary>
internal sealed partial class ActorCell
{
    private const string NameAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null) ValidateChildName(name);
        ActorCell child;
        lock (this)
        {
            if (IsTerminatingOrTerminated)
                throw new InvalidOperationException($"Cannot create a child of {self}: it is stopping or stopped.");
            children ??= new Dictionary<string, InternalActorRef>(StringComparer.Ordinal);
            name ??= NextChildName();
            if (children.ContainsKey(name))
                throw new InvalidActorNameException($"Actor name [{name}] is not unique among the children of {self.Path}.");
            var path = self.Path.Child(name, NewUid());
            child = new ActorCell(system, props, path, self);
            children.Add(name, child.SelfRef);
        }
        child.Start();
        return child.SelfRef;
    }

    private string NextChildName()
    {
        var n = Extras.ChildNameCounter++;
        Span<char> buffer = stackalloc char[12];
        var i = buffer.Length;
        do
        {
            buffer[--i] = NameAlphabet[(int)(n & 63)];
            n >>= 6;
        } while (n != 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    private static int NewUid()
    {
        int uid;
        do uid = Random.Shared.Next(); while (uid == ActorPath.UndefinedUid);
        return uid;
    }

    internal static void ValidateChildName(string name)
    {
        if (name.Length == 0) throw new InvalidActorNameException("Actor name must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name [{name}] must not start with '$' (reserved for generated names).");
        foreach (var c in name)
        {
            if (c is '/' or '#' or '?' or '*' || char.IsWhiteSpace(c) || char.IsControl(c))
                throw new InvalidActorNameException(
                    $"Actor name [{name}] contains '{c}'; names may not contain '/', '#', '?', '*', whitespace or control characters.");
        }
    }

    public IActorRef Child(string name)
    {
        lock (this)
            return children is not null && children.TryGetValue(name, out var c) ? c : Nobody.Instance;
    }

    internal InternalActorRef? GetChild(string name)
    {
        lock (this)
            return children is not null && children.TryGetValue(name, out var c) ? c : null;
    }

    public IEnumerable<IActorRef> Children => ChildrenSnapshot();

    internal InternalActorRef[] ChildrenSnapshot()
    {
        lock (this)
        {
            if (children is null || children.Count == 0) return [];
            var result = new InternalActorRef[children.Count];
            children.Values.CopyTo(result, 0);
            return result;
        }
    }

    private bool IsCurrentChild(IActorRef child, int uid)
    {
        lock (this)
            return children is not null && children.TryGetValue(child.Path.Name, out var c) && c.Path.Uid == uid && c.Equals(child);
    }

    private bool RemoveChild(IActorRef child)
    {
        lock (this)
        {
            if (children is null || !children.TryGetValue(child.Path.Name, out var c) || !c.Equals(child)) return false;
            children.Remove(child.Path.Name);
        }
        if (extras is not null)
        {
            extras.StoppingChildren?.Remove(child);
            extras.RestartStats?.Remove(child);
        }
        return true;
    }

    /// <summary>Stops a child and remembers it so that a pending restart or stop waits for it.</summary>
    internal void StopChild(InternalActorRef child)
    {
        (Extras.StoppingChildren ??= []).Add(child);
        child.Stop();
    }

    internal ChildRestartStats GetRestartStats(IActorRef child)
    {
        var stats = Extras.RestartStats ??= new Dictionary<IActorRef, ChildRestartStats>();
        if (!stats.TryGetValue(child, out var s)) stats[child] = s = new ChildRestartStats();
        return s;
    }

    public void Stop(IActorRef actorRef)
    {
        ArgumentNullException.ThrowIfNull(actorRef);
        if (actorRef is not InternalActorRef target) throw new ArgumentException($"{actorRef} cannot be stopped by the runtime.", nameof(actorRef));
        if (!target.Equals(self) && IsCurrentChild(target, target.Path.Uid)) StopChild(target);
        else target.Stop();
    }
}
