using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

/// <summary>One <c>cluster_member</c> row as read, before this node adds its own reachability view.</summary>
internal sealed record MemberRow(
    UniqueAddress UniqueAddress,
    string NodeName,
    MemberStatus Status,
    string[] Roles,
    string AppVersion,
    long? UpNumber,
    DateTimeOffset JoinedAt,
    DateTimeOffset StatusChangedAt,
    TimeSpan HeartbeatAge,
    string[] UnreachableBy)
{
    public Member ToMember(bool isReachable) =>
        new(UniqueAddress, NodeName, Status, Roles, AppVersion, UpNumber, JoinedAt, StatusChangedAt, HeartbeatAge, UnreachableBy, isReachable);
}
