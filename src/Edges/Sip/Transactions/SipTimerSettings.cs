namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// The RFC 3261 §17 / Table 4 timer base values. Operators tune T1 for high-latency links (RFC 3261 §17.1.1.1 allows
/// a larger T1 when the RTT is known) and T2/T4 for networks that hold packets longer; every transaction timer is
/// derived from these three.
/// </summary>
public sealed record SipTimerSettings
{
    /// <summary>Defaults of RFC 3261 Table 4: T1 500 ms, T2 4 s, T4 5 s.</summary>
    public static readonly SipTimerSettings Default = new();

    /// <summary>RTT estimate; first retransmit interval of timers A, E and G. <c>uc.sip.timers.t1</c>.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the non-INVITE request and INVITE response retransmit interval. <c>uc.sip.timers.t2</c>.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest a message stays in the network; timers I and K. <c>uc.sip.timers.t4</c>.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D over UDP: at least 32 s (RFC 3261 §17.1.1.2). <c>uc.sip.timers.timer-d</c>.</summary>
    public TimeSpan TimerDUnreliable { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>When an INVITE server transaction sends 100 Trying if the TU has not answered (RFC 3261 §17.2.1).</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>64*T1: timers B, F, H, J and the RFC 6026 timers L and M.</summary>
    public TimeSpan Timeout64T1 => T1 * 64;

    /// <summary>Rejects values that would make the timers meaningless; names the HOCON key in the message.</summary>
    public SipTimerSettings Validate()
    {
        if (T1 <= TimeSpan.Zero) throw new ArgumentException($"uc.sip.timers.t1 must be positive (is {T1})");
        if (T2 < T1) throw new ArgumentException($"uc.sip.timers.t2 ({T2}) must not be smaller than t1 ({T1})");
        if (T4 <= TimeSpan.Zero) throw new ArgumentException($"uc.sip.timers.t4 must be positive (is {T4})");
        if (TimerDUnreliable < TimeSpan.FromSeconds(32))
            throw new ArgumentException($"uc.sip.timers.timer-d must be at least 32s (RFC 3261 §17.1.1.2), is {TimerDUnreliable}");
        if (TryingDelay < TimeSpan.Zero) throw new ArgumentException($"uc.sip.timers.trying-delay must not be negative (is {TryingDelay})");
        return this;
    }
}
