namespace Cluster.Runtime.Membership;

/// <summary>
/// Where a member is in its life cycle (Akka.Cluster's <c>MemberStatus</c>). Stored lower-case in
/// <c>cluster_member.status</c>; the names are part of the schema and must not change.
/// </summary>
/// <remarks>
/// <code>
///                 leader promotes                Leave()              leader: no live leases
///  (Join) ──► Joining ─────────────► Up ───────────────► Leaving ──────────────────────► Exiting
///               │                    │                     │                                │ node itself
///               │ heartbeat older than down-after, or Down(address) by an operator           ▼
///               └────────────────────┴─────────┬───────────┴─────────────────────────►  Removed
///                                              ▼                                            ▲
///                                            Down ───────── remove-after-down passed ───────┘
/// </code>
/// Exiting members are downed too when their heartbeat stops.
/// </remarks>
public enum MemberStatus
{
    Joining,
    Up,
    Leaving,
    Exiting,
    Down,
    Removed,
}

/// <summary>Conversions between <see cref="MemberStatus"/> and its stored text.</summary>
public static class MemberStatusText
{
    /// <summary>The stored (lower-case) name.</summary>
    public static string ToDb(this MemberStatus status) => status switch
    {
        MemberStatus.Joining => "joining",
        MemberStatus.Up => "up",
        MemberStatus.Leaving => "leaving",
        MemberStatus.Exiting => "exiting",
        MemberStatus.Down => "down",
        MemberStatus.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown member status"),
    };

    /// <summary>Parses a stored name; an unknown one is a schema problem and says so.</summary>
    public static MemberStatus FromDb(string text) => text switch
    {
        "joining" => MemberStatus.Joining,
        "up" => MemberStatus.Up,
        "leaving" => MemberStatus.Leaving,
        "exiting" => MemberStatus.Exiting,
        "down" => MemberStatus.Down,
        "removed" => MemberStatus.Removed,
        _ => throw new FormatException($"unknown member status '{text}' in cluster_member (expected joining, up, leaving, exiting, down or removed)"),
    };

    /// <summary>True for statuses whose owner may still be running entities (everything but Down and Removed).</summary>
    public static bool IsLive(this MemberStatus status) => status is not (MemberStatus.Down or MemberStatus.Removed);
}
