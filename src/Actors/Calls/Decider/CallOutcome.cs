namespace Cluster.Actors.Calls;

/// <summary>
/// The working record of one decision: handlers emit events and ephemeral changes through it, each applied at once so
/// later steps see their effect (a CSeq just advanced, a leg just added), and queue effects.
/// </summary>
internal sealed class CallOutcome(CallState state, DateTimeOffset now)
{
    public CallState State { get; private set; } = state;

    public DateTimeOffset Now { get; } = now;

    public List<ICallEvent> Events { get; } = [];

    public List<ICallEphemeralChange> Ephemeral { get; } = [];

    public List<ICallEffect> Effects { get; } = [];

    public CallRejected? Rejection { get; private set; }

    public string CallId => State.CallId;

    public void Emit(ICallEvent e)
    {
        Events.Add(e);
        State = State.Apply(e);
    }

    public void Change(ICallEphemeralChange change)
    {
        Ephemeral.Add(change);
        State = State.ApplyEphemeral(change);
    }

    public void Send(ICallEffect effect) => Effects.Add(effect);

    public void Respond(CallLeg leg, string transactionKey, SipResponse response) =>
        Effects.Add(new SendResponse(CallId, leg.LegId, transactionKey, response));

    /// <summary>Refuses the command; only valid before anything was emitted.</summary>
    public void Reject(CallErrorCode code, string reason, SipResponse response)
    {
        if (Events.Count > 0 || Ephemeral.Count > 0 || Effects.Count > 0)
        {
            throw new InvalidOperationException($"call {CallId}: a command cannot be rejected after it changed something ({reason})");
        }

        Rejection = new CallRejected(code, reason, response);
    }

    public void Reject(CallErrorCode code, string reason, int status) => Reject(code, reason, SipResponse.Of(status));
}
