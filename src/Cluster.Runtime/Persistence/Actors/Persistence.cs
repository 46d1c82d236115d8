using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Query;
using Cluster.Runtime.Persistence.Serialization;
using Serilog;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// The persistence extension of one <see cref="ActorSystem"/> (Akka's <c>Persistence</c>): it hands every
/// persistent actor of the system the journal, snapshot store and serializer registry. Registered once, before the
/// first persistent actor starts, with <see cref="Register"/> (components built elsewhere) or
/// <see cref="StartAsync"/> (built from settings and disposed when the system terminates).
/// </summary>
/// <remarks>
/// Several systems may share one <see cref="PersistenceComponents"/> (one journal in one process, e.g. tests that
/// simulate two nodes): the journal is thread-safe and the writer identity of each actor incarnation keeps them apart.
/// </remarks>
public sealed class Persistence : IExtension
{
    /// <summary>Events replayed per journal query during recovery (bounds the memory of recovering one long history).</summary>
    public const int DefaultRecoveryPageSize = 1000;

    private Persistence(ActorSystem system, PersistenceComponents components, SerializerRegistry registry, int recoveryPageSize)
    {
        System = system;
        Components = components;
        Registry = registry;
        RecoveryPageSize = recoveryPageSize;
        Log = system.Log.ForContext<Persistence>();
    }

    public ActorSystem System { get; }

    public PersistenceComponents Components { get; }

    public IJournal Journal => Components.Journal;

    public ISnapshotStore SnapshotStore => Components.SnapshotStore;

    public IReadJournal ReadJournal => Components.ReadJournal;

    /// <summary>The registry the components serialize with (manifests of events and snapshots).</summary>
    public SerializerRegistry Registry { get; }

    public int RecoveryPageSize { get; }

    internal ILogger Log { get; }

    /// <summary>
    /// Registers <paramref name="components"/> as <paramref name="system"/>'s persistence. With
    /// <paramref name="ownsComponents"/> they are disposed (queued writes committed) once the system has terminated.
    /// </summary>
    /// <exception cref="InvalidOperationException">persistence is already registered with other components.</exception>
    public static Persistence Register(ActorSystem system, PersistenceComponents components, SerializerRegistry registry,
        bool ownsComponents = false, int recoveryPageSize = DefaultRecoveryPageSize)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(recoveryPageSize, 1);
        var created = false;
        var extension = system.RegisterExtension(s =>
        {
            created = true;
            return new Persistence(s, components, registry, recoveryPageSize);
        });
        if (!ReferenceEquals(extension.Components, components))
            throw new InvalidOperationException($"Persistence is already registered on actor system '{system.Name}' with other components.");
        if (created && ownsComponents)
        {
            _ = system.WhenTerminated.ContinueWith(async _ =>
            {
                try
                {
                    await components.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    extension.Log.Error(e, "Closing the persistence components of {ActorSystem} failed", system.Name);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
        return extension;
    }

    /// <summary>Creates the configured journal and snapshot store and registers them; they close with the system.</summary>
    public static async Task<Persistence> StartAsync(ActorSystem system, PersistenceSettings settings, SerializerRegistry registry,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var components = await PersistencePlugins.CreateAsync(settings, registry, system.Settings.Logger, system.Settings.TimeProvider,
            cancellationToken).ConfigureAwait(false);
        try
        {
            return Register(system, components, registry, ownsComponents: true);
        }
        catch
        {
            await components.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The registered extension.</summary>
    /// <exception cref="InvalidOperationException">no persistence was registered on <paramref name="system"/>.</exception>
    public static Persistence Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetExtension<Persistence>()
               ?? throw new InvalidOperationException(
                   $"No persistence is registered on actor system '{system.Name}': call Persistence.Register or Persistence.StartAsync " +
                   "before starting persistent actors.");
    }
}
