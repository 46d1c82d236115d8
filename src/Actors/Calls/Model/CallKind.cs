namespace Cluster.Actors.Calls;

/// <summary>How the call began.</summary>
public enum CallKind
{
    /// <summary>An INVITE arrived at the SIP edge.</summary>
    Sip,

    /// <summary>Click-to-dial from the web API (third-party call control, RFC 3725).</summary>
    ClickToDial,
}
