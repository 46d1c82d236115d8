namespace Cluster.Actors.Calls;

/// <summary>
/// The decider's only source of randomness: SIP tags (RFC 3261 §19.3: at least 32 random bits), id tokens, and the
/// glare back-off (RFC 3261 §14.1). Its outputs end up in events, so replay stays deterministic; tests pass a seeded one.
/// </summary>
public interface ICallEntropy
{
    /// <summary>A random lower-case hex token of <paramref name="length"/> characters.</summary>
    string Token(int length);

    /// <summary>A uniform value in [0, 1).</summary>
    double NextDouble();
}
