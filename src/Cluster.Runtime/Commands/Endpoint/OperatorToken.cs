using System.Security.Cryptography;
using System.Text;

namespace Cluster.Runtime.Commands.Endpoint;

/// <summary>
/// Checks a presented operator token in constant time. Both sides are hashed first so neither the comparison time
/// nor an early length mismatch tells an attacker how much of a guess was right.
/// </summary>
internal sealed class OperatorToken(string token)
{
    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool Matches(string? presented) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
