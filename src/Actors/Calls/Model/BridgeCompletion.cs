namespace Cluster.Actors.Calls;

/// <summary>What a <see cref="NegotiationKind.Bridge"/> exchange completes when the answer arrives.</summary>
public enum BridgeCompletion
{
    /// <summary>Nothing beyond the exchange.</summary>
    None,

    /// <summary>The transfer target joins; the transferor's leg is released and NOTIFY 200 is sent (RFC 3515).</summary>
    Transfer,

    /// <summary>The replacing dialog joins; the replaced leg is released with BYE (RFC 3891 §3).</summary>
    Replace,

    /// <summary>Click-to-dial: the destination and the user's device are bridged (RFC 3725 flow IV).</summary>
    ClickToDial,

    /// <summary>A delayed-offer call (INVITE without SDP): the caller's answer in its ACK goes to the callee's ACK.</summary>
    DelayedOffer,
}
