namespace Cluster.Actors.Calls;

/// <summary>Who ended the call, for the call record.</summary>
public enum Disconnector
{
    /// <summary>The A side (caller) hung up or cancelled.</summary>
    A,

    /// <summary>The B side (callee) hung up or rejected.</summary>
    B,

    /// <summary>This system: timers, failures, the API, failover.</summary>
    System,
}
