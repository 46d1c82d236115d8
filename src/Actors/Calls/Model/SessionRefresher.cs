namespace Cluster.Actors.Calls;

/// <summary>Who refreshes a leg's session (RFC 4028 §7/§9), from this B2BUA's point of view.</summary>
public enum SessionRefresher
{
    /// <summary>We send re-INVITE/UPDATE at half the interval.</summary>
    Us,

    /// <summary>The party refreshes; we end the session if it does not in time.</summary>
    Them,
}
