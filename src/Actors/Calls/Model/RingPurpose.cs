namespace Cluster.Actors.Calls;

/// <summary>What a ring group is for: it decides what an answer or a failure of the group leads to.</summary>
public enum RingPurpose
{
    /// <summary>The called party of a SIP call (including forwarding hops): an answer connects the caller.</summary>
    Callee,

    /// <summary>The Refer-To target of a transfer: an answer replaces the transferor.</summary>
    TransferTarget,

    /// <summary>Click-to-dial: the user's own device, called first.</summary>
    OwnDevice,

    /// <summary>Click-to-dial: the destination, called once the user's device answered.</summary>
    Destination,
}
