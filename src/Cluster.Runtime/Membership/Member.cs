using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

/// <summary>
/// One node incarnation as the database describes it, read at a point in time (the heartbeat age is measured with the
/// database clock). Like Akka's <c>Member</c>: identity is the <see cref="UniqueAddress"/>, so a restarted node at the
/// same host and port is a different member.
/// </summary>
/// <param name="UniqueAddress">Remoting address plus the incarnation uid.</param>
/// <param name="NodeName">Human name of the node (uc.node.name), for operators.</param>
/// <param name="Status">Life-cycle status.</param>
/// <param name="Roles">Roles this node serves (uc.node.roles); sharding places shards by role.</param>
/// <param name="AppVersion">Application version the node runs, for rolling upgrades.</param>
/// <param name="UpNumber">Order of promotion to Up (lower = older); null while Joining.</param>
/// <param name="JoinedAt">Database time the row was inserted.</param>
/// <param name="StatusChangedAt">Database time of the last status change.</param>
/// <param name="HeartbeatAge">Database <c>now()</c> minus the last heartbeat when the row was read.</param>
/// <param name="UnreachableBy">Addresses of nodes whose transport currently reports this one unreachable.</param>
/// <param name="IsReachable">This node's combined view: no transport report and a heartbeat younger than unreachable-after.</param>
public sealed record Member(
    UniqueAddress UniqueAddress,
    string NodeName,
    MemberStatus Status,
    IReadOnlyList<string> Roles,
    string AppVersion,
    long? UpNumber,
    DateTimeOffset JoinedAt,
    DateTimeOffset StatusChangedAt,
    TimeSpan HeartbeatAge,
    IReadOnlyList<string> UnreachableBy,
    bool IsReachable)
{
    public NodeAddress Address => UniqueAddress.Address;

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Akka's <c>IsOlderThan</c>: promoted to Up earlier (members not yet Up are younger than any Up member).</summary>
    public bool IsOlderThan(Member other) => AgeOrder.Compare(this, other) < 0;

    /// <summary>Orders members by age: up number, then join time, then address and uid (total and stable on every node).</summary>
    public static IComparer<Member> AgeOrder { get; } = Comparer<Member>.Create((a, b) =>
    {
        var c = (a.UpNumber ?? long.MaxValue).CompareTo(b.UpNumber ?? long.MaxValue);
        if (c != 0) return c;
        c = a.JoinedAt.CompareTo(b.JoinedAt);
        if (c != 0) return c;
        c = a.Address.CompareTo(b.Address);
        return c != 0 ? c : a.UniqueAddress.Uid.CompareTo(b.UniqueAddress.Uid);
    });

    public override string ToString() => $"Member({UniqueAddress}, {Status}{(IsReachable ? "" : ", unreachable")})";
}
