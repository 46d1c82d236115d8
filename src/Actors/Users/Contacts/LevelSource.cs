namespace Cluster.Actors.Users;

/// <summary>Which rule decided a watcher's level; shown to operators so a surprising level can be explained.</summary>
public enum LevelSource
{
    /// <summary>The watcher is the user themself.</summary>
    Self,

    /// <summary>The roster entry of the watcher names a level.</summary>
    Contact,

    /// <summary>The user set a level for the watcher's whole domain.</summary>
    Domain,

    /// <summary>Default for a colleague of the same domain: company.</summary>
    SameDomainDefault,

    /// <summary>Default for anyone else: public.</summary>
    ForeignDefault,
}
