namespace Cluster.Runtime.Kernel;

/// <summary>
/// The recipe for an actor: how to build a fresh instance (again on every restart) and options such as the
/// supervisor strategy for its children. Immutable and shareable, as in Akka.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> factory;

    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy,
        IReadOnlyList<KeyValuePair<string, object?>>? logProperties = null)
    {
        ActorType = actorType;
        this.factory = factory;
        SupervisorStrategy = supervisorStrategy;
        LogProperties = logProperties ?? [];
    }

    public Type ActorType { get; }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> for its children.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<T>() where T : ActorBase, new() => new(typeof(T), static () => new T(), null);

    /// <summary>Props from a factory, e.g. <c>Props.Create(() => new Worker(queue))</c>; it must return a new instance each call.</summary>
    public static Props Create<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, null);
    }

    /// <summary>Props that construct <paramref name="actorType"/> with <paramref name="args"/> by reflection.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
            throw new ArgumentException($"{actorType} is not a concrete actor type (it must derive from ActorBase).", nameof(actorType));
        return new Props(actorType, () => (ActorBase)Activator.CreateInstance(actorType, args)!, null);
    }

    /// <summary>Properties added to every event of the actor's <c>Log</c>, e.g. the EntityId sharding gives its entities.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> LogProperties { get; }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, factory, strategy, LogProperties);
    }

    /// <summary>The same recipe with one more property on the actor's log events.</summary>
    public Props WithLogProperty(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Props(ActorType, factory, SupervisorStrategy, [.. LogProperties, new(name, value)]);
    }

    internal ActorBase NewActor() => factory();

    public override string ToString() => $"Props({ActorType.Name})";
}
