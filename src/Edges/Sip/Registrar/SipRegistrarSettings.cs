namespace Cluster.Edges.Sip.Registrar;

/// <summary>
/// The registrar's expiry policy (<c>uc.sip.registrar.*</c>). The edge applies it before the user entity sees a
/// binding (the domain's <c>ContactUpdate</c> carries the granted value), so every node grants the same intervals.
/// </summary>
public sealed record SipRegistrarSettings
{
    public static readonly SipRegistrarSettings Default = new();

    /// <summary>Shortest non-zero expiry accepted, in seconds (<c>uc.sip.registrar.min-expires</c>); shorter gets 423.</summary>
    public int MinExpiresSeconds { get; init; } = 60;

    /// <summary>Longest expiry granted, in seconds (<c>uc.sip.registrar.max-expires</c>); longer is shortened.</summary>
    public int MaxExpiresSeconds { get; init; } = 7200;

    /// <summary>Expiry granted when the REGISTER names none, in seconds (<c>uc.sip.registrar.default-expires</c>).</summary>
    public int DefaultExpiresSeconds { get; init; } = 3600;

    /// <summary>Rejects inconsistent values naming the HOCON key.</summary>
    public SipRegistrarSettings Validate()
    {
        if (MinExpiresSeconds < 1) throw new ArgumentException($"uc.sip.registrar.min-expires must be at least 1s (is {MinExpiresSeconds}s)");
        if (MaxExpiresSeconds < MinExpiresSeconds)
            throw new ArgumentException($"uc.sip.registrar.max-expires ({MaxExpiresSeconds}s) must not be below min-expires ({MinExpiresSeconds}s)");
        if (DefaultExpiresSeconds < MinExpiresSeconds || DefaultExpiresSeconds > MaxExpiresSeconds)
            throw new ArgumentException(
                $"uc.sip.registrar.default-expires ({DefaultExpiresSeconds}s) must lie between min-expires ({MinExpiresSeconds}s) and max-expires ({MaxExpiresSeconds}s)");
        return this;
    }
}
