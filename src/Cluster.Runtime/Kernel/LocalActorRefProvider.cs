using System.Collections.Concurrent;
using System.Globalization;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// Owns the actor hierarchy of one system (root, /user, /system, /temp, /deadLetters) and turns paths into
/// references. Remoting will extend resolution to paths with another address; everything else stays local.
/// </summary>
internal class LocalActorRefProvider
{
    private readonly ConcurrentDictionary<string, InternalActorRef> tempActors = new(StringComparer.Ordinal);
    private long tempCounter;

    public LocalActorRefProvider(ActorSystem system, Address address)
    {
        System = system;
        RootPath = ActorPath.RootOf(address);
        DeadLetters = new DeadLetterActorRef(system, RootPath / "deadLetters");
        TempPath = RootPath / "temp";
        var bubbleWalker = new BubbleWalker(system, RootPath / "bubble-walker");
        RootCell = new ActorCell(system, Props.Create(() => new RootGuardianActor()), RootPath, bubbleWalker);
    }

    public ActorSystem System { get; }
    public ActorPath RootPath { get; }
    public ActorPath TempPath { get; }
    public DeadLetterActorRef DeadLetters { get; }
    public ActorCell RootCell { get; }
    public LocalActorRef UserGuardian { get; private set; } = null!;
    public LocalActorRef SystemGuardian { get; private set; } = null!;
    public ActorCell UserGuardianCell => UserGuardian.Cell;
    public ActorCell SystemGuardianCell => SystemGuardian.Cell;

    /// <summary>Starts the root and the two guardians.</summary>
    public void Start()
    {
        RootCell.Start();
        var guardianStrategy = System.Settings.GuardianSupervisorStrategy;
        UserGuardian = (LocalActorRef)RootCell.ActorOf(Props.Create(() => new GuardianActor(guardianStrategy)), "user");
        SystemGuardian = (LocalActorRef)RootCell.ActorOf(
            Props.Create(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "system");
        RootCell.SelfRef.Tell(new RootGuardianActor.WatchGuardians(UserGuardian, SystemGuardian), null);
    }

    /// <summary>Stops /user, then /system, then the root.</summary>
    public void StopHierarchy() => RootCell.SelfRef.Tell(RootGuardianActor.StopHierarchy.Instance, null);

    public ActorPath RegisterTempActor(InternalActorRef actor)
    {
        var name = "$" + Interlocked.Increment(ref tempCounter).ToString(CultureInfo.InvariantCulture);
        tempActors[name] = actor;
        return TempPath.Child(name, 1);
    }

    public void UnregisterTempActor(ActorPath path) => tempActors.TryRemove(path.Name, out _);

    /// <summary>Resolves a textual path (<c>uc://sys/user/a#uid</c> or <c>/user/a</c>).</summary>
    public IActorRef ResolveActorRef(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith('/')) return ResolveActorRef(ActorPath.Parse(RootPath.Address + path));
        return ActorPath.TryParse(path, out var parsed)
            ? ResolveActorRef(parsed)
            : throw new FormatException($"'{path}' is not an actor path.");
    }

    /// <summary>
    /// The live reference at <paramref name="path"/>, or a reference that dead-letters (and answers watches with
    /// Terminated) when nothing lives there or the uid names another incarnation.
    /// </summary>
    public virtual IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Address.Equals(RootPath.Address)) return ResolveNonLocal(path);
        var found = ResolveLocal(path.Elements);
        if (found is null || (path.Uid != ActorPath.UndefinedUid && found.Path.Uid != path.Uid))
            return new EmptyLocalActorRef(System, path);
        return found;
    }

    /// <summary>
    /// Runs once the whole hierarchy has stopped, before <see cref="ActorSystem.WhenTerminated"/> completes; remoting
    /// shuts its transport down here so that the last messages of stopping actors are still written.
    /// </summary>
    internal virtual Task OnHierarchyTerminatedAsync() => Task.CompletedTask;

    /// <summary>Paths of other systems; remoting overrides this.</summary>
    protected virtual IActorRef ResolveNonLocal(ActorPath path) => new EmptyLocalActorRef(System, path);

    internal InternalActorRef? ResolveLocal(IReadOnlyList<string> elements)
    {
        if (elements.Count == 0) return RootCell.SelfRef;
        switch (elements[0])
        {
            case "deadLetters" when elements.Count == 1:
                return DeadLetters;
            case "temp":
                return elements.Count == 2 && tempActors.TryGetValue(elements[1], out var temp) ? temp : null;
        }
        InternalActorRef current = RootCell.SelfRef;
        foreach (var name in elements)
        {
            if (current is not LocalActorRef local) return null;
            var child = local.Cell.GetChild(name);
            if (child is null) return null;
            current = child;
        }
        return current;
    }

    /// <summary>Special children of the root that are not cells.</summary>
    internal InternalActorRef? RootSpecialChild(string name) => name switch
    {
        "deadLetters" => DeadLetters,
        _ => null,
    };

    internal InternalActorRef? TempActor(string name) => tempActors.GetValueOrDefault(name);
}
