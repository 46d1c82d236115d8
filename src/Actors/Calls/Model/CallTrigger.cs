namespace Cluster.Actors.Calls;

/// <summary>What happened to a call, as input to <see cref="CallStateMachine.Transition"/>.</summary>
public enum CallTrigger
{
    /// <summary>The first INVITE went out to a fork.</summary>
    Forked,

    /// <summary>A fork sent 180 (or 181/182).</summary>
    Ringing,

    /// <summary>A fork sent 183 with SDP that is relayed.</summary>
    EarlyMedia,

    /// <summary>A 2xx won and both sides are connected.</summary>
    Answered,

    /// <summary>The hold flags changed; the target phase depends on whether any side still holds.</summary>
    HoldChanged,

    /// <summary>A REFER was accepted.</summary>
    TransferStarted,

    /// <summary>The transfer succeeded or failed.</summary>
    TransferEnded,

    /// <summary>The call is over, for any reason.</summary>
    Ended,
}
