namespace Cluster.Actors.Calls;

/// <summary>Where one leg's INVITE dialog stands (RFC 3261 §12/§13).</summary>
public enum LegStatus
{
    /// <summary>Outgoing INVITE sent, nothing received (or an incoming INVITE not answered yet).</summary>
    Trying,

    /// <summary>A provisional response without media arrived (100 excluded).</summary>
    Proceeding,

    /// <summary>180 Ringing arrived.</summary>
    Ringing,

    /// <summary>183 with SDP arrived (early dialog with media).</summary>
    EarlyMedia,

    /// <summary>2xx exchanged: the dialog is confirmed and the leg is in the bridge.</summary>
    Confirmed,

    /// <summary>The dialog is confirmed but the leg has not joined the bridge yet (a transfer target being bridged).</summary>
    Connecting,

    /// <summary>CANCEL sent; waiting for the 487.</summary>
    Cancelling,

    /// <summary>Over: failed, cancelled or ended by BYE.</summary>
    Terminated,
}
