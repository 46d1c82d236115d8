namespace Cluster.Actors.Calls;

/// <summary>Why a leg exists; shown in the call record and used to pick the INVITE's headers.</summary>
public enum LegKind
{
    /// <summary>The caller's own dialog.</summary>
    Caller,

    /// <summary>A registered SIP binding of the called user.</summary>
    Device,

    /// <summary>A device that re-registered after a push wake-up (RFC 8599).</summary>
    PushDevice,

    /// <summary>The user's remote-office target.</summary>
    RemoteOffice,

    /// <summary>A forwarding target that is not a local user.</summary>
    Forwarded,

    /// <summary>A callee, transfer or click-to-dial destination that is not a local user (routed by URI).</summary>
    External,

    /// <summary>The click-to-dial user's own device (RFC 3725 controller leg).</summary>
    OwnDevice,

    /// <summary>A new dialog that replaced a leg (RFC 3891 INVITE with Replaces).</summary>
    Replacing,
}
