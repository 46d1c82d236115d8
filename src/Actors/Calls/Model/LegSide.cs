namespace Cluster.Actors.Calls;

/// <summary>
/// Which side of the bridge a leg is on. <see cref="A"/> is the caller (or, for click-to-dial, the user's own device);
/// <see cref="B"/> is the callee side: the forks, then the leg that answered, then whoever a transfer put in its place.
/// </summary>
public enum LegSide
{
    A,
    B,
}
