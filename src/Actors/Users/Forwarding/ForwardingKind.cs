namespace Cluster.Actors.Users;

/// <summary>The condition under which a call is forwarded (the classic call-forwarding services).</summary>
public enum ForwardingKind
{
    /// <summary>Always, without ringing the user's devices.</summary>
    Unconditional,

    /// <summary>When the user is busy (in a call, or do-not-disturb).</summary>
    Busy,

    /// <summary>When nobody answers within the rule's delay.</summary>
    NoAnswer,

    /// <summary>When the user has no live binding, session or push device to ring.</summary>
    Unreachable,
}
