namespace Cluster.Runtime.Sharding;

/// <summary>
/// Lifecycle of one entity inside its shard (Akka's Shard.EntityState). An entity without a record is not running.
/// <code>
///                   first message                  Passivate / idle
///   (no record) ──────────────────────► Active ───────────────────────► Passivating
///     ▲    ▲                             │  ▲   Terminated, buffer not empty │
///     │    │  Terminated, empty buffer   │  └──────── (restart, deliver) ────┤
///     │    └─────────────────────────────┼───────────────────────────────────┘
///     │        Terminated unexpectedly   │
///     ├──────────────────────────────────┤ (entity-restart-backoff off)
///     │                                  ▼ (backoff on)
///     └── timer, nothing buffered ── WaitingRestart ── timer, buffered ──► Active
/// </code>
/// Messages for a Passivating or WaitingRestart entity are buffered in arrival order. A hand-off ends every state:
/// running entities get the hand-off stop message, and buffers go back to the region.
/// </summary>
internal enum EntityState
{
    /// <summary>Running; messages are delivered to it.</summary>
    Active,

    /// <summary>Told to stop (passivation or hand-off); messages wait until it has terminated.</summary>
    Passivating,

    /// <summary>Stopped unexpectedly; messages wait until entity-restart-backoff has passed.</summary>
    WaitingRestart,
}
