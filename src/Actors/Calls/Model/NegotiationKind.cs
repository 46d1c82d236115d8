namespace Cluster.Actors.Calls;

/// <summary>The shapes of one offer/answer exchange carried across the bridge (RFC 3264 §4, RFC 3725).</summary>
public enum NegotiationKind
{
    /// <summary>
    /// A party's re-INVITE or UPDATE with an offer is relayed to the other side; the other side's answer goes back in
    /// our 2xx to the party.
    /// </summary>
    Relay,

    /// <summary>
    /// A party's re-INVITE came without SDP; we offered the session as it stands in our 2xx and wait for the answer in
    /// its ACK (RFC 3261 §14.1). A changed answer is then relayed to the other side.
    /// </summary>
    Reoffer,

    /// <summary>
    /// A new leg's offer (from its 2xx to our offerless INVITE, or from its INVITE with Replaces) is sent to the other
    /// side in a re-INVITE; the answer goes to the new leg in the ACK (or in our 2xx), and the new leg joins the bridge.
    /// </summary>
    Bridge,
}
