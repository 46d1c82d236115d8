using System.Security.Cryptography;

namespace Cluster.Actors.Calls;

/// <summary>Cryptographic randomness for production.</summary>
public sealed class SecureCallEntropy : ICallEntropy
{
    public static SecureCallEntropy Instance { get; } = new();

    public string Token(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    public double NextDouble() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
}
