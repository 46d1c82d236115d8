namespace Cluster.Actors.Calls;

/// <summary>
/// The stage of a call as operators and clients see it. Only <see cref="CallStateMachine.Transition"/> moves a call from
/// one phase to another. <see cref="Proceeding"/>, <see cref="Ringing"/> and <see cref="EarlyMedia"/> are never journaled
/// (design: "a ringing phase may be lost"); the others are.
/// </summary>
public enum CallPhase
{
    /// <summary>The INVITE (or click-to-dial request) is accepted; targets are being looked up.</summary>
    Initiated,

    /// <summary>At least one fork has been sent an INVITE.</summary>
    Proceeding,

    /// <summary>A fork answered 180; the caller hears ringback.</summary>
    Ringing,

    /// <summary>A fork sent 183 with SDP; its early media is relayed to the caller.</summary>
    EarlyMedia,

    /// <summary>A 2xx won; both sides are connected.</summary>
    Answered,

    /// <summary>Answered, and at least one side put the other on hold (RFC 3264 §8.4).</summary>
    Held,

    /// <summary>A REFER is being carried out; the transferee is still connected to the transferor.</summary>
    Transferring,

    /// <summary>Over; the call record is written. Terminal.</summary>
    Ended,
}
