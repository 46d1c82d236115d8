namespace Cluster.Actors.Calls;

/// <summary>Who sent the dialog-creating INVITE: the party (we are the UAS) or this B2BUA (we are the UAC).</summary>
public enum LegDirection
{
    /// <summary>The party called us (the caller's A-leg, an INVITE with Replaces).</summary>
    Incoming,

    /// <summary>We called the party (forks, forwarding, transfer targets, click-to-dial).</summary>
    Outgoing,
}
