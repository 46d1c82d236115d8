namespace Cluster.Actors.Calls;

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
