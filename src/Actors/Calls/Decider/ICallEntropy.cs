using System.Security.Cryptography;

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

/// <summary>Cryptographic randomness for production.</summary>
public sealed class SecureCallEntropy : ICallEntropy
{
    public static SecureCallEntropy Instance { get; } = new();

    public string Token(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    public double NextDouble() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
}

/// <summary>Reproducible randomness for tests and simulations.</summary>
public sealed class SeededCallEntropy(int seed) : ICallEntropy
{
    private readonly Random random = new(seed);

    public string Token(int length)
    {
        var bytes = new byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public double NextDouble() => random.NextDouble();
}
