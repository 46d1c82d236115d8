namespace Cluster.Actors.Calls;

/// <summary>
/// The outcome of one command. The entity persists <see cref="Events"/> in one batch (possibly none), then takes
/// <see cref="After"/> as its state, replies with <see cref="Reply"/> and carries out <see cref="Effects"/> in order. If
/// persisting fails, the whole decision is dropped: no state change, no effects.
/// Events and ephemeral changes were applied interleaved in the order the decider made them; <see cref="After"/> is
/// that result (applying all events and then all ephemeral changes would not be the same).
/// </summary>
/// <param name="Events">Facts to journal, in order.</param>
/// <param name="Ephemeral">State changes not journaled (the ringing phase, replies of no-op commands).</param>
/// <param name="Reply">The answer for the sender.</param>
/// <param name="Effects">SIP requests/responses, lookups and wake-ups to carry out after persisting, in order.</param>
/// <param name="After">The state after this decision.</param>
/// <param name="IsDuplicate">The command id was seen before; <see cref="Reply"/> is the first answer.</param>
public sealed record CallDecision(
    IReadOnlyList<ICallEvent> Events,
    IReadOnlyList<ICallEphemeralChange> Ephemeral,
    ICallReply Reply,
    IReadOnlyList<ICallEffect> Effects,
    CallState After,
    bool IsDuplicate = false)
{
    /// <summary>True when the entity must write to the journal before replying.</summary>
    public bool Persists => Events.Count > 0;

    /// <summary>True when the command was refused (and nothing changed).</summary>
    public bool IsRejected => Reply is CallRejected;
}
