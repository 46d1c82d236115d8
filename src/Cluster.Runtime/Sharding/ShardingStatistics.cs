namespace Cluster.Runtime.Sharding;

/// <summary>
/// Counters of one entity type on this node since its region started, as read by the shell and metrics.
/// <see cref="MessagesDelivered"/> + <see cref="MessagesDropped"/> + what is still buffered or in flight equals
/// what was sent to the region: nothing disappears without being counted.
/// </summary>
/// <param name="TypeName">The entity type.</param>
/// <param name="EntitiesStarted">Entity incarnations started (first message, restart after passivation).</param>
/// <param name="EntitiesPassivated">Entities stopped by passivation (asked for or idle), including <see cref="EntitiesPassivatedIdle"/>.</param>
/// <param name="EntitiesPassivatedIdle">Passivations because of <c>passivate-idle-entity-after</c>.</param>
/// <param name="EntitiesStoppedUnexpectedly">Entities that stopped on their own or by failure, without passivating.</param>
/// <param name="EntitiesHandedOff">Entities stopped because their shard was handed off or the region shut down.</param>
/// <param name="MessagesDelivered">Messages handed to an entity.</param>
/// <param name="MessagesBuffered">Messages that had to wait in a region or shard buffer (counted once per buffering).</param>
/// <param name="MessagesDropped">Messages rejected (answered with a failure or dead-lettered, always logged).</param>
public sealed record ShardingStatistics(
    string TypeName,
    long EntitiesStarted,
    long EntitiesPassivated,
    long EntitiesPassivatedIdle,
    long EntitiesStoppedUnexpectedly,
    long EntitiesHandedOff,
    long MessagesDelivered,
    long MessagesBuffered,
    long MessagesDropped);
