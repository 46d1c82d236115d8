namespace Cluster.Actors.Calls;

/// <summary>
/// The one place that moves a call between phases. Invalid moves are programming errors (the decider checks the phase
/// before emitting an event) and throw, so a journal can never hold an impossible sequence.
/// <code>
///                 Forked           Ringing            EarlyMedia
///   Initiated ──────────► Proceeding ──────► Ringing ───────────► EarlyMedia
///      │                     │                 │  ▲ Ringing          │
///      │                     │                 │  └──────────────────┘
///      │ Answered            │ Answered        │ Answered            │ Answered
///      └─────────────────────┴────────┬────────┴─────────────────────┘
///                                     ▼
///                   HoldChanged ┌──────────┐ HoldChanged (any side holds)
///              (nobody holds)   │ Answered │──────────────────────────► Held ──┐
///                     ┌────────►└──────────┘◄───────────────────────────  │    │ HoldChanged
///                     │             │  ▲   HoldChanged (nobody holds)     │◄───┘ (still held)
///                     │ TransferStarted │ TransferEnded (nobody holds)    │ TransferStarted
///                     │             ▼  │                                  ▼
///                     │        ┌──────────────┐ ◄─────────────────────────┘
///                     └────────│ Transferring │ HoldChanged stays Transferring;
///                              └──────────────┘ TransferEnded (some side holds) → Held
///
///   Ended: from every phase on the Ended trigger; nothing leaves Ended.
/// </code>
/// </summary>
public static class CallStateMachine
{
    /// <summary>The phase after <paramref name="trigger"/>; <paramref name="anySideHeld"/> is the hold state after the change.</summary>
    /// <exception cref="InvalidOperationException">The trigger is not allowed in <paramref name="from"/>.</exception>
    public static CallPhase Transition(CallPhase from, CallTrigger trigger, bool anySideHeld = false) =>
        TryTransition(from, trigger, anySideHeld, out var to)
            ? to
            : throw new InvalidOperationException($"call transition {trigger} is not allowed in phase {from}");

    /// <summary>True when <paramref name="trigger"/> is allowed in <paramref name="from"/>.</summary>
    public static bool CanTransition(CallPhase from, CallTrigger trigger) => TryTransition(from, trigger, false, out _);

    private static bool TryTransition(CallPhase from, CallTrigger trigger, bool anySideHeld, out CallPhase to)
    {
        var held = anySideHeld ? CallPhase.Held : CallPhase.Answered;
        CallPhase? next = (from, trigger) switch
        {
            (CallPhase.Ended, _) => null,
            (_, CallTrigger.Ended) => CallPhase.Ended,
            (CallPhase.Initiated, CallTrigger.Forked) => CallPhase.Proceeding,
            (CallPhase.Proceeding or CallPhase.Ringing or CallPhase.EarlyMedia, CallTrigger.Forked) => from,
            (CallPhase.Proceeding or CallPhase.Ringing, CallTrigger.Ringing) => CallPhase.Ringing,
            (CallPhase.EarlyMedia, CallTrigger.Ringing) => CallPhase.EarlyMedia,
            (CallPhase.Proceeding or CallPhase.Ringing or CallPhase.EarlyMedia, CallTrigger.EarlyMedia) => CallPhase.EarlyMedia,
            (CallPhase.Initiated or CallPhase.Proceeding or CallPhase.Ringing or CallPhase.EarlyMedia, CallTrigger.Answered) => held,
            (CallPhase.Answered or CallPhase.Held, CallTrigger.HoldChanged) => held,
            (CallPhase.Transferring, CallTrigger.HoldChanged) => CallPhase.Transferring,
            (CallPhase.Answered or CallPhase.Held, CallTrigger.TransferStarted) => CallPhase.Transferring,
            (CallPhase.Transferring, CallTrigger.TransferEnded) => held,
            _ => null,
        };
        to = next ?? from;
        return next is not null;
    }
}
