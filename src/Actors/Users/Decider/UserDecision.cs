namespace Cluster.Actors.Users;

/// <summary>
/// The outcome of one command. The entity persists <see cref="Events"/> (all in one batch, possibly none), then applies
/// them and <see cref="Ephemeral"/> to its state (<see cref="ApplyTo"/>), then sends <see cref="Reply"/> and carries
/// out <see cref="Effects"/>. With no events nothing is written: the ephemeral changes apply at once. If persisting
/// fails, the whole decision is dropped (no state change, no effects) and the command fails.
/// </summary>
/// <param name="Events">Facts to journal, in order.</param>
/// <param name="Ephemeral">State changes not journaled (refreshes, sessions, notification bookkeeping).</param>
/// <param name="Reply">The answer for the sender.</param>
/// <param name="Effects">Messages to send after persisting.</param>
/// <param name="IsDuplicate">The command id was seen before; <see cref="Reply"/> is the first answer.</param>
public sealed record UserDecision(
    IReadOnlyList<IUserEvent> Events,
    IReadOnlyList<IUserEphemeralChange> Ephemeral,
    IUserReply Reply,
    IReadOnlyList<IUserEffect> Effects,
    bool IsDuplicate = false)
{
    /// <summary>True when the entity must write to the journal before replying.</summary>
    public bool Persists => Events.Count > 0;

    /// <summary>True when the command was refused.</summary>
    public bool IsRejected => Reply is CommandRejected;

    /// <summary>The state after this decision: events, then ephemeral changes.</summary>
    public UserState ApplyTo(UserState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var e in Events)
        {
            state = state.Apply(e);
        }

        foreach (var change in Ephemeral)
        {
            state = state.ApplyEphemeral(change);
        }

        return state;
    }

    internal static UserDecision Duplicate(IUserReply first) => new([], [], first, [], IsDuplicate: true);
}
