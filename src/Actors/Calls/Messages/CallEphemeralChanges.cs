namespace Cluster.Actors.Calls;

/// <summary>
/// A state change applied without journaling (<see cref="CallState.ApplyEphemeral"/>): the ringing phase (forks, ring
/// groups, push waits, provisional progress) and replies to commands that journaled nothing. Lost on failover by design.
/// </summary>
public interface ICallEphemeralChange;

/// <summary>The pre-answer phase moved (Forked, Ringing, EarlyMedia).</summary>
public sealed record ProgressChanged(CallTrigger Trigger) : ICallEphemeralChange;

/// <summary>A fork was created or changed (status, dialog, SDP).</summary>
public sealed record ForkChanged(CallLeg Leg) : ICallEphemeralChange;

/// <summary>A ring group was opened or changed.</summary>
public sealed record RingGroupChanged(RingGroup Group) : ICallEphemeralChange;

/// <summary>The ring group is over (answered, failed, forwarded or cancelled).</summary>
public sealed record RingGroupClosed(string GroupId) : ICallEphemeralChange;

/// <summary>This fork's early media is the one relayed to the caller.</summary>
public sealed record EarlyMediaChosen(string LegId) : ICallEphemeralChange;

/// <summary>An id was taken from the call's ephemeral sequence.</summary>
public sealed record SequenceAdvanced : ICallEphemeralChange
{
    public static SequenceAdvanced Instance { get; } = new();
}

/// <summary>The reply to a command with an id that journaled nothing.</summary>
public sealed record CallCommandAnswered(string CommandId, ICallReply Reply) : ICallEphemeralChange;
