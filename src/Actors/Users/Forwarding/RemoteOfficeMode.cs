namespace Cluster.Actors.Users;

/// <summary>How remote office rings the external number.</summary>
public enum RemoteOfficeMode
{
    /// <summary>Ring the external target in parallel with the user's own devices.</summary>
    AlsoRing,

    /// <summary>Ring only the external target.</summary>
    OnlyRing,
}
